package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fast formatter must write byte for byte what the JDK's formatter wrote with our format. */
class LogLineFormatterTest {
  private static final String PROPERTY = "java.util.logging.SimpleFormatter.format";
  private String savedFormat;
  private TimeZone savedZone;

  @BeforeEach
  void useOurFormat() {
    savedFormat = System.getProperty(PROPERTY);
    savedZone = TimeZone.getDefault();
    System.setProperty(PROPERTY, LogLineFormatter.SIMPLE_FORMAT);
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Samara"));
  }

  @AfterEach
  void restore() {
    if (savedFormat == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, savedFormat);
    }
    TimeZone.setDefault(savedZone);
  }

  private static LogRecord record(Level level, String message, Object... params) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("ru.aidabilling.http.access");
    r.setInstant(Instant.parse("2026-01-15T09:30:00.007Z"));
    r.setParameters(params.length == 0 ? null : params);
    return r;
  }

  private static void assertSameAsJdk(LogRecord r) {
    String jdk = new SimpleFormatter().format(r);
    String ours = new LogLineFormatter(ZoneId.of("Europe/Samara")).format(r);
    assertEquals(jdk, ours);
  }

  @Test
  void aPlainLineIsTheJdksLine() {
    LogRecord r = record(Level.INFO, "01JD POST /get_balance 200 3ms actor=bench");
    assertSameAsJdk(r);
    assertEquals(
        "2026-01-15 13:30:00.007 INFO ru.aidabilling.http.access: 01JD POST /get_balance 200 3ms"
            + " actor=bench"
            + System.lineSeparator(),
        new LogLineFormatter(ZoneId.of("Europe/Samara")).format(r));
  }

  @Test
  void parametersAndLevelsAreFormattedAsTheJdkDoes() {
    assertSameAsJdk(
        record(Level.WARNING, "billing lookup for {0} failed: {1}", "+7900*****66", 502));
    assertSameAsJdk(record(Level.SEVERE, "Клиент {0} не найден", 31));
    assertSameAsJdk(record(Level.FINE, "no parameters, {0} stays"));
  }

  @Test
  void aThrowableFollowsOnTheNextLines() {
    LogRecord r = record(Level.SEVERE, "01JD /api/v1/customers/{id}/sync failed");
    r.setThrown(new IllegalStateException("boom"));
    assertSameAsJdk(r);
    String line = new LogLineFormatter(ZoneId.of("Europe/Samara")).format(r);
    assertTrue(
        line.contains("failed" + System.lineSeparator() + "java.lang.IllegalStateException: boom"));
  }
}
