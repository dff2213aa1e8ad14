package ru.aidabilling.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.port.in.SyncStatus;
import ru.aidabilling.core.port.in.UndoReport;

/**
 * An embedder may log any public value whole ({@code log.info("sync: " + outcome)}): its {@code
 * toString()} must not hold a subscriber's phone or full name (spec 7), while the accessors keep
 * the values exact.
 */
class ToStringIsMaskedTest {
  static final String PHONE = "+79004445566";
  static final String NAME = "Новичков Тарас Викторович";
  static final Phone SEED_PHONE = new Phone(PHONE);
  static final BillingAccount ACCOUNT =
      new BillingAccount(
          "0138",
          NAME,
          "Светлый Яр, ул. Спортивная, д. 5, тел. " + PHONE,
          "Безлимит",
          new Money(new BigDecimal("-1250.50"), "RUB"));
  static final ParsedName PARSED = ParsedName.person("Новичков", "Тарас", "Викторович");
  static final CustomerId ID = CustomerId.of(31);
  static final RequestId RID = new RequestId("01J0000000000000000000000A");
  static final Actor ACTOR = new Actor("operator:alice");
  static final FieldChange CHANGE = new FieldChange(ProfileField.LAST_NAME, "Петров", "Новичков");
  static final RuntimeException CAUSE =
      new IllegalStateException(
          "lookup of " + PHONE + " for " + NAME,
          new java.io.IOException("GET /api/phone.php?phone=" + PHONE));

  static Stream<Arguments> values() {
    SyncOutcome synced =
        new SyncOutcome.Synced(
            SyncStatus.UPDATED,
            ID,
            RID,
            SEED_PHONE,
            ACCOUNT,
            PARSED,
            new ParsedAddress(
                null, null, null, null, null, null, null, null, null, null, "тел. " + PHONE),
            List.of(CHANGE, new FieldChange(ProfileField.FIRST_NAME, null, "Тарас")));
    SyncOutcome failed =
        new SyncOutcome.Failed(
            ErrorCode.AMBIGUOUS,
            "Найдено 2 счёта в биллинге для телефона " + PHONE + ", выберите договор",
            ID,
            RID,
            List.of(ACCOUNT, ACCOUNT),
            Optional.of(ACCOUNT));
    return Stream.of(
        Arguments.of("Phone", SEED_PHONE),
        Arguments.of("BillingAccount", ACCOUNT),
        Arguments.of("ParsedName", PARSED),
        Arguments.of("ParsedName (organisation)", ParsedName.organization("ИП " + NAME)),
        Arguments.of(
            "CustomerProfile",
            new CustomerProfile(
                ID,
                "Тарас",
                "Новичков",
                "ИП " + NAME,
                "404171",
                "Светлый Яр",
                "ул. Спортивная, д. 5, " + NAME,
                List.of(PHONE, "8 (900) 444-55-66"),
                List.of(),
                Instant.EPOCH)),
        Arguments.of("FieldChange", CHANGE),
        Arguments.of(
            "AuditRecord",
            new AuditRecord(
                Instant.EPOCH,
                ACTOR,
                RID,
                ID,
                ProfileField.LAST_NAME,
                "Петров",
                "Новичков",
                "0138")),
        Arguments.of("SyncOutcome.Synced", synced),
        Arguments.of("SyncOutcome.Failed", failed),
        Arguments.of(
            "SyncOutcome.Failed with a cause", ((SyncOutcome.Failed) failed).withCause(CAUSE)),
        Arguments.of(
            "SyncCommand", SyncCommand.of(ID, ACTOR).withPhone(SEED_PHONE).withContract("0138")),
        Arguments.of(
            "UndoReport.Item",
            new UndoReport.Item(
                ID,
                ProfileField.LAST_NAME,
                "Петров",
                "Новичков",
                UndoReport.Result.CHANGED_SINCE,
                "поле изменено: Новичков Тарас")),
        Arguments.of(
            "UndoReport.Item with a cause",
            new UndoReport.Item(
                    ID,
                    ProfileField.FIRST_NAME,
                    "Тарас",
                    null,
                    UndoReport.Result.FAILED,
                    "Клиент " + NAME + ", " + PHONE,
                    ErrorCode.INTERNAL)
                .withCause(CAUSE)),
        Arguments.of(
            "UndoReport",
            new UndoReport(
                List.of(
                    new UndoReport.Item(
                        ID,
                        ProfileField.FIRST_NAME,
                        "Тарас",
                        null,
                        UndoReport.Result.FAILED,
                        "Клиент " + NAME + ", " + PHONE,
                        ErrorCode.CUSTOMER_NOT_FOUND)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void toStringHoldsNoPhoneAndNoName(String type, Object value) {
    String shown = value.toString();
    assertFalse(shown.contains("4445566"), type + " shows the phone: " + shown);
    assertFalse(shown.contains("444-55-66"), type + " shows the phone: " + shown);
    for (String word : List.of("Новичков", "Тарас", "Викторович", "Петров")) {
      assertFalse(shown.contains(word), type + " shows a name: " + shown);
    }
  }

  @Test
  void toStringStillTellsWhatTheValueIs() {
    assertEquals("+7900*****66", SEED_PHONE.toString());
    assertEquals(PHONE, SEED_PHONE.e164(), "the accessor keeps the number");
    assertEquals(NAME, ACCOUNT.fullName(), "the accessor keeps the name");
    String account = ACCOUNT.toString();
    assertTrue(account.contains("contract=0138"), account);
    assertTrue(account.contains("fullName=Н***"), account);
    assertTrue(account.contains("balance="), account);
    assertEquals(
        "FieldChange[field=lastName, oldValue=П***(6), newValue=Н***(8)]", CHANGE.toString());
    assertTrue(PARSED.toString().contains("kind=PERSON, last=Н***, first=Т***"), PARSED::toString);
    SyncOutcome.Failed failed =
        SyncOutcome.Failed.of(ErrorCode.INTERNAL, "Внутренняя ошибка", SyncCommand.of(ID, ACTOR));
    assertTrue(failed.toString().endsWith(", cause=none]"), failed::toString);
    assertTrue(
        failed
            .withCause(CAUSE)
            .toString()
            .endsWith(", cause=java.lang.IllegalStateException <- java.io.IOException]"),
        () -> failed.withCause(CAUSE).toString());
    assertEquals(CAUSE, failed.withCause(CAUSE).cause().orElseThrow(), "the accessor keeps it");
    UndoReport.Item item =
        new UndoReport.Item(
            ID,
            ProfileField.FIRST_NAME,
            "Тарас",
            null,
            UndoReport.Result.FAILED,
            "внутренняя ошибка",
            ErrorCode.INTERNAL);
    assertTrue(item.toString().endsWith(", failure=INTERNAL, cause=none]"), item::toString);
    assertTrue(
        item.withCause(CAUSE)
            .toString()
            .endsWith(
                ", failure=INTERNAL, cause=java.lang.IllegalStateException <- java.io.IOException]"),
        () -> item.withCause(CAUSE).toString());
  }

  /** An embedder logs a refused value's exception too: its message is masked like a toString. */
  @Test
  void refusedValuesAreMaskedInTheExceptionMessage() {
    String phone =
        assertThrows(IllegalArgumentException.class, () -> new Phone("+7 900 444 55 66"))
            .getMessage();
    assertEquals("not an E.164 phone number: +7 900 *** ** 66", phone);
    String change =
        assertThrows(
                IllegalArgumentException.class,
                () -> new FieldChange(ProfileField.LAST_NAME, NAME, NAME))
            .getMessage();
    assertEquals("not a change: lastName stays Н***(25)", change);
  }

  @Test
  void redactedKeepsAHintOnly() {
    assertEquals("Н***", Redacted.name(NAME));
    assertEquals("Н***(25)", Redacted.text(NAME));
    assertEquals("8 (900) ***-**-66", Redacted.phoneText("8 (900) 444-55-66"));
    assertEquals("+7900*****66", Redacted.phoneText(PHONE));
    assertEquals("***-**-66", Redacted.phoneText("444-55-66"), "a local number keeps 2 digits");
    assertEquals(
        "８ ９００ *** ** ６６", Redacted.phoneText("８ ９００ ４４４ ５５ ６６"), "full-width digits are digits");
    assertNull(Redacted.name(null));
    assertNull(Redacted.text(null));
    assertNull(Redacted.phoneText(null));
  }

  @Test
  void aHintStartsAtTheFirstVisibleLetter() {
    // billing's exports carry no-break and thin spaces, a byte-order mark, a zero-width space
    String padded = "\u00A0\u202F\uFEFF\u200B" + NAME + "\u00A0\u2009";
    assertEquals("Н***", Redacted.name(padded));
    assertEquals("Н***(25)", Redacted.text(padded));
    assertEquals("", Redacted.name("\u00A0\u200B "), "nothing visible: an empty hint");
    assertEquals("", Redacted.text("\u2007\u00A0"));
  }
}
