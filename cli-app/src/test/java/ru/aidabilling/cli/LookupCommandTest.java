package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;

/** {@code aida-billing lookup}: billing only, nothing written. */
class LookupCommandTest {

  @Test
  void showsTheAccountsAndWritesNothing() {
    World w = World.seed();
    Cli.Run r = w.cli().run("lookup", "--phone", "8 900 444 55 66");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Баланс:   256,52 ₽"), r.out());
    assertTrue(r.out().contains("Новичков Тарас Викторович"), r.out());
    assertTrue(r.out().contains("Телефон +79004445566: "), "the number looked up: " + r.out());
    Cli.Run j = w.cli().run("lookup", "--phone", "+79004445566", "--json");
    JsonNode body = j.json();
    assertEquals("+79004445566", body.get("phone").asText());
    assertEquals("0138", body.get("accounts").get(0).get("contract").asText());
    assertEquals("256.52", body.get("accounts").get(0).get("balance").asText());
    assertTrue(w.customers.updates().isEmpty());
    assertEquals(0, w.audit.records().count());
  }

  @Test
  void unknownPhoneExits3BadPhone2BillingDown6() {
    World w = World.seed();
    Cli.Run none = w.cli().run("lookup", "--phone", "+79990000000", "--json");
    assertEquals(3, none.exit(), none.toString());
    assertEquals("+79990000000", none.json().get("phone").asText());
    assertEquals(0, none.json().get("accounts").size());
    Cli.Run human = w.cli().run("lookup", "--phone", "+79990000000");
    assertEquals(3, human.exit());
    assertTrue(
        human.err().contains("Клиент с телефоном +79990000000 не найден в биллинге"), human.err());
    assertEquals(2, w.cli().run("lookup", "--phone", "abc").exit());
    assertEquals(2, w.cli().run("lookup").exit());
    w.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "down"));
    SyncCommandTest.assertProblem(
        w.cli().run("lookup", "--phone", "+79004445566", "--json"),
        ErrorCode.BILLING_UNAVAILABLE,
        6);
    Cli.Run down = w.cli().run("lookup", "--phone", "+79004445566");
    assertEquals(6, down.exit());
    assertTrue(down.err().contains("BILLING_UNAVAILABLE"), down.err());
  }
}
