package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.Money;

/** The small pieces: money in Russian format, operator login, --since times, the id set. */
class SmallPartsTest {

  @Test
  void moneyInRussianFormat() {
    assertEquals("256,52 ₽", Human.money(Money.rub("256.52")));
    assertEquals("0,00 ₽", Human.money(Money.rub("0")));
    assertEquals("1 250,50 ₽", Human.money(Money.rub("1250.5")));
    assertEquals("-1 250,50 ₽", Human.money(Money.rub("-1250.50")));
    assertEquals("12 345 678,90 ₽", Human.money(Money.rub("12345678.9")));
    assertEquals("-0,01 ₽", Human.money(Money.rub("-0.01")));
    assertEquals("0,01 ₽", Human.money(Money.rub("0.005")));
    assertEquals("10,00 USD", Human.money(new Money(new java.math.BigDecimal("10"), "USD")));
  }

  @Test
  void loginPrefersThePersonBehindSudo() {
    assertEquals("alice", CliIo.login(Map.of("SUDO_USER", "alice", "USER", "root"), "root"));
    assertEquals("bob", CliIo.login(Map.of("USER", "x"), "bob"));
    assertEquals("carol", CliIo.login(Map.of("USER", "carol"), ""));
    // the launcher's word on stderr wins over the JVM's console (stdin and stdout only)
    assertTrue(CliIo.terminal("true", false), "sync-all > out.txt with stderr on a terminal");
    assertFalse(CliIo.terminal("false", true), "sync-all 2> log.txt on a terminal");
    assertTrue(CliIo.terminal(null, true));
    assertFalse(CliIo.terminal(null, false));
    assertEquals("unknown", CliIo.login(Map.of(), null));
  }

  @Test
  void aNonAsciiLoginStillMakesAValidActor() {
    CliContext ctx =
        new CliContext(
            new CliIo(
                java.io.InputStream.nullInputStream(),
                java.io.OutputStream.nullOutputStream(),
                java.io.OutputStream.nullOutputStream(),
                Map.of(),
                false,
                "иван petrov"),
            null,
            null,
            new StopFlag(),
            (s, g) -> null,
            a -> {});
    assertEquals("operator:_____petrov", ctx.actor().value());
  }

  @Test
  void sinceAcceptsDatesAndTimes() {
    java.time.ZoneId utc = java.time.ZoneOffset.UTC;
    java.time.ZoneId moscow = java.time.ZoneId.of("Europe/Moscow");
    assertEquals(
        Instant.parse("2024-05-01T00:00:00Z"), TimeArgs.parse("2024-05-01", utc).orElseThrow());
    assertEquals(
        Instant.parse("2024-04-30T21:00:00Z"),
        TimeArgs.parse("2024-05-01", moscow).orElseThrow(),
        "midnight where the operator is");
    assertEquals(
        Instant.parse("2024-05-01T07:00:00Z"),
        TimeArgs.parse("2024-05-01T10:00", moscow).orElseThrow());
    assertEquals(
        Instant.parse("2024-05-01T10:00:00Z"),
        TimeArgs.parse("2024-05-01T10:00:00Z", moscow).orElseThrow(),
        "an offset given wins");
    assertEquals(
        Instant.parse("2024-05-01T07:00:00Z"),
        TimeArgs.parse("2024-05-01T10:00:00+03:00").orElseThrow());
    assertEquals(
        Instant.parse("2024-05-01T10:00:00Z"),
        TimeArgs.parse("2024-05-01T10:00", utc).orElseThrow());
    assertEquals(
        Instant.parse("2024-05-01T10:00:00Z"),
        TimeArgs.parse(" 2024-05-01T10:00:00Z ").orElseThrow());
    assertTrue(TimeArgs.parse("yesterday").isEmpty());
    assertTrue(TimeArgs.parse("2024-13-01").isEmpty());
  }

  @Test
  void idSetHoldsSmallAndHugeIds() {
    IdSet s = new IdSet();
    assertTrue(s.add(31));
    assertTrue(!s.add(31));
    assertTrue(s.add(Long.MAX_VALUE));
    assertTrue(s.contains(Long.MAX_VALUE));
    assertTrue(!s.contains(32));
    assertEquals(2, s.size());
  }

  @Test
  void ctrlCWaitsAsLongAsOneSyncCanTake() {
    java.util.function.Function<java.util.Map<String, String>, java.time.Duration> grace =
        env ->
            SyncAllCmd.stopGrace(
                ru.aidabilling.core.settings.Settings.load(
                    env, java.util.Map.of(), java.util.Optional.empty()));

    assertEquals(java.time.Duration.ofSeconds(60), grace.apply(java.util.Map.of()));
    assertEquals(
        java.time.Duration.ofSeconds(2 * 120 + 2 * 120 + 10),
        grace.apply(
            java.util.Map.of(
                "AIDA_BILLING_TIMEOUT_MS", "120000", "AIDA_FREESCOUT_TIMEOUT_MS", "120000")));
    assertEquals(
        java.time.Duration.ofSeconds(60),
        grace.apply(java.util.Map.of("AIDA_BILLING_TIMEOUT_MS", "soon")),
        "a bad value (refused elsewhere) falls back to a minute");
  }
}
