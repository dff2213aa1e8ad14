package ru.aidabilling.adapter.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Money;

/** The billing answers of {@code fixtures/billing} and the shapes around them. */
class BillingAnswerTest {
  static byte[] fixture(String name) {
    try (InputStream in = BillingAnswerTest.class.getResourceAsStream("/billing/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<BillingAccount> read(String json) throws Exception {
    return BillingAnswer.toDomain(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theRealAnswerForTheSeedPhone() throws Exception {
    assertEquals(
        List.of(
            new BillingAccount(
                "0138",
                "Новичков Тарас Викторович",
                "поселок Соляной Набережная 8/1",
                "2024_SMiT",
                Money.rub("256.52"))),
        BillingAnswer.toDomain(fixture("found.json")));
  }

  @Test
  void commaDecimalAndSpacesInTheBalance() throws Exception {
    BillingAccount a = BillingAnswer.toDomain(fixture("found-comma-decimal.json")).get(0);
    assertEquals("1004.00", a.balance().amount().toPlainString());
    assertEquals("Алиев Рашид Гусейн оглы", a.fullName());
  }

  @Test
  void aDebtAsAJsonNumber() throws Exception {
    BillingAccount a = BillingAnswer.toDomain(fixture("found-debt-number.json")).get(0);
    assertEquals("-1250.50", a.balance().amount().toPlainString());
    assertTrue(a.balance().isDebt());
    assertEquals("КУЗНЕЦОВА   ольга петровна", a.fullName(), "names are the parser's business");
  }

  /** A contract billing writes as a JSON number is its text as written, not a rounded value. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "12.50, 12.50",
    "12.0, 12.0",
    "0.10, 0.10",
    "12345, 12345",
    "1e3, 1E+3",
    "1.5e3, 1.5E+3",
    "1.50E3, 1.50E+3",
    "0.0000001, 0.0000001"
  })
  void aNumberKeepsItsDigits(String written, String contract) throws Exception {
    BillingAccount a =
        read("{\"client\":{\"contract_number\":" + written + ",\"ballance\":" + written + "}}")
            .get(0);
    assertEquals(contract, a.contract());
    assertEquals(
        new java.math.BigDecimal(written).setScale(2, java.math.RoundingMode.HALF_UP),
        a.balance().amount(),
        "the balance is the same number, in kopecks");
  }

  @Test
  void aBalanceAsANumberWithTrailingZerosIsStillKopecks() throws Exception {
    BillingAccount a =
        read("{\"client\":{\"contract_number\":\"1\",\"ballance\":-1250.500}}").get(0);
    assertEquals("-1250.50", a.balance().plain());
    assertEquals("1000.00", read("{\"client\":{\"ballance\":1e3}}").get(0).balance().plain());
  }

  @Test
  void blankAndNullFieldsAreAbsentNeverTheTextNull() throws Exception {
    BillingAccount a = BillingAnswer.toDomain(fixture("found-blank-fields.json")).get(0);
    assertNull(a.fullName());
    assertNull(a.address());
    assertEquals("0139", a.contract());
    assertEquals("0.00", a.balance().plain());
  }

  @Test
  void anOrganisation() throws Exception {
    BillingAccount a = BillingAnswer.toDomain(fixture("found-organisation.json")).get(0);
    assertEquals("ООО \"Ромашка\"", a.fullName());
    assertEquals("Ю-0042", a.contract());
    assertEquals("15000.00", a.balance().amount().toPlainString());
  }

  @Test
  void severalAccountsInBillingsOrder() throws Exception {
    List<BillingAccount> all = BillingAnswer.toDomain(fixture("found-several.json"));
    assertEquals(List.of("0512", "0513"), all.stream().map(BillingAccount::contract).toList());
    assertEquals("0.00", all.get(1).balance().plain());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-found-empty-array.json",
        "not-found-empty-object.json",
        "not-found-error-field.json",
        "not-found-null.json"
      })
  void notFoundFixturesAreAnEmptyList(String name) throws Exception {
    assertEquals(List.of(), BillingAnswer.toDomain(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"client\":{}}",
        "{\"client\":false}",
        "{\"client\":\"\"}",
        "{\"clients\":[]}",
        "{\"clients\":null}",
        "{\"client\":{\"fullname\":null,\"contract_number\":\"\"}}",
        "{\"client\":null,\"error\":\"something else\"}",
        "{\"error\":\"Клиент не найден\"}"
      })
  void otherWaysOfSayingNotFound(String json) throws Exception {
    assertEquals(List.of(), read(json));
  }

  @Test
  void clientAsAnArrayAndClientsTogether() throws Exception {
    List<BillingAccount> all =
        read(
            "{\"client\":[{\"contract_number\":\"1\"},null,{}],"
                + "\"clients\":[{\"contract_number\":2,\"ballance\":null}]}");
    assertEquals(List.of("1", "2"), all.stream().map(BillingAccount::contract).toList());
    assertNull(all.get(1).balance());
  }

  @Test
  void unknownFieldsAreIgnoredAndTheTextNullIsAbsent() throws Exception {
    BillingAccount a =
        read("{\"status\":\"ok\",\"client\":{\"fullname\":\"null\",\"contract_number\":\"0138\","
                + "\"extra\":{\"x\":[1,2]},\"tariff\":\" 2024_SMiT \",\"ballance\":\"256.52\"}}")
            .get(0);
    assertNull(a.fullName());
    assertEquals("2024_SMiT", a.tariff());
    assertEquals(Money.rub("256.52"), a.balance());
  }

  @Test
  void aBalanceThatIsNoNumberKeepsTheAccountWithoutABalance() throws Exception {
    BillingAccount a =
        read("{\"client\":{\"contract_number\":\"0138\",\"ballance\":\"нет данных\"}}").get(0);
    assertEquals("0138", a.contract());
    assertNull(a.balance());
  }

  @Test
  void aCorrectlySpelledBalanceIsReadToo() throws Exception {
    assertEquals(
        Money.rub("5.00"),
        read("{\"client\":{\"contract_number\":\"1\",\"balance\":5}}").get(0).balance());
  }

  @Test
  void htmlIsAFailure() {
    var e =
        assertThrows(
            BillingAnswer.UnreadableException.class,
            () -> BillingAnswer.toDomain(fixture("failure-html.html")));
    assertTrue(e.getMessage().contains("HTML"), e.getMessage());
  }

  @Test
  void aRepeatedKeyIsAFailureNotAnAnswerWithoutTheAccount() {
    assertThrows(
        BillingAnswer.UnreadableException.class,
        () ->
            read(
                "{\"client\":{\"fullname\":\"Новичков Тарас Викторович\",\"contract_number\":"
                    + "\"0138\",\"ballance\":\"1\"},\"client\":null}"));
  }

  @Test
  void aBodyInTheCharsetItsContentTypeNamesIsDecodedInIt() throws Exception {
    byte[] cp1251 =
        "{\"client\":{\"fullname\":\"Новичков Тарас Викторович\",\"contract_number\":\"0138\"}}"
            .getBytes("windows-1251");
    List<BillingAccount> found =
        BillingAnswer.toDomain(
            cp1251, java.util.Optional.of("application/json; charset=\"windows-1251\""));
    assertEquals("Новичков Тарас Викторович", found.get(0).fullName());
    assertEquals(
        "Новичков Тарас Викторович",
        BillingAnswer.toDomain(
                fixture("found.json"), java.util.Optional.of("application/json; charset=UTF-8"))
            .get(0)
            .fullName());
    assertEquals(
        "Новичков Тарас Викторович",
        BillingAnswer.toDomain(
                "{\"client\":{\"fullname\":\"Новичков Тарас Викторович\",\"contract_number\":\"0138\"}}"
                    .getBytes(StandardCharsets.UTF_8),
                java.util.Optional.of("application/json; charset=windows-1251"))
            .get(0)
            .fullName(),
        "UTF-8 under a legacy label is read as UTF-8");
    BillingAnswer.UnreadableException unlabelled =
        assertThrows(
            BillingAnswer.UnreadableException.class,
            () -> BillingAnswer.toDomain(cp1251, java.util.Optional.of("application/json")),
            "unlabelled windows-1251 is not UTF-8: a failure, never a mangled name");
    assertEquals(BillingAnswer.NOT_UTF8, unlabelled.getMessage(), "said as a charset problem");
    BillingAnswer.UnreadableException unknown =
        assertThrows(
            BillingAnswer.UnreadableException.class,
            () ->
                BillingAnswer.toDomain(
                    cp1251, java.util.Optional.of("text/json; charset=no-such")));
    assertEquals(BillingAnswer.NOT_UTF8, unknown.getMessage());
  }

  @Test
  void aCutUtf8BodyIsStillSaidToBeCutNotMisEncoded() {
    byte[] whole =
        "{\"client\":{\"fullname\":\"Новичков Тарас\",\"contract_number\":\"0138\"}}"
            .getBytes(StandardCharsets.UTF_8);
    for (int length : new int[] {29, 30}) { // after a whole letter, and in the middle of one
      byte[] cut = java.util.Arrays.copyOf(whole, length);
      BillingAnswer.UnreadableException e =
          assertThrows(
              BillingAnswer.UnreadableException.class,
              () -> BillingAnswer.toDomain(cut, java.util.Optional.of("application/json")));
      assertTrue(e.getMessage().contains("неполным JSON"), length + ": " + e.getMessage());
    }
  }

  @Test
  void aTruncatedBodyIsAFailure() {
    assertThrows(
        BillingAnswer.UnreadableException.class,
        () -> BillingAnswer.toDomain(fixture("failure-truncated.json")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "[]",
        "\"client\"",
        "null",
        "{\"client\":\"0138\"}",
        "{\"client\":[\"0138\"]}",
        "{\"client\":{}} trailing",
        "{\"error\":\"database connection failed\"}",
        "{'client':{}}"
      })
  void shapesThatAreNoBillingAnswerAreFailuresNotNotFound(String body) {
    assertThrows(BillingAnswer.UnreadableException.class, () -> read(body));
  }
}
