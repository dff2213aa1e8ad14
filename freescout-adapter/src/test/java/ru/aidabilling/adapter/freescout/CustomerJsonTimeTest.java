package ru.aidabilling.adapter.freescout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast read of FreeScout's time stamps gives what the JDK's parser gives, or leaves it to it.
 */
class CustomerJsonTimeTest {

  @Test
  void readsEveryPlainStampAsTheJdkDoes() {
    Random random = new Random(7);
    for (int k = 0; k < 20_000; k++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L));
      String s = t.toString();
      if (s.length() == 20) {
        assertEquals(OffsetDateTime.parse(s).toInstant(), CustomerJson.plainUtc(s), s);
      }
    }
    assertEquals(
        Instant.parse("2024-02-29T23:59:59Z"), CustomerJson.plainUtc("2024-02-29T23:59:59Z"));
    assertEquals(
        Instant.parse("2026-11-27T00:00:00Z"), CustomerJson.plainUtc("2026-11-27T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27T05:46:00.5Z", // a fraction: the general parse reads it
        "2026-11-27T05:46:00+03:00",
        "2026-11-27 05:46:00",
        "2026-02-29T10:00:00Z", // no such day
        "2025-04-31T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-00-10T10:00:00Z",
        "2026-11-00T10:00:00Z",
        "2026-11-27T24:00:00Z",
        "2026-11-27T23:60:00Z",
        "2026-11-27T23:59:60Z",
        "2026-1a-27T23:59:59Z",
        "２026-11-27T05:46:00Z", // a full-width digit
        "2026-11-27t05:46:00z",
        ""
      })
  void leavesAnythingElseToTheGeneralParse(String s) {
    assertNull(CustomerJson.plainUtc(s), s);
  }

  @Test
  void impossibleDatesAreRefusedByBothReads() {
    for (String s : new String[] {"2026-02-29T10:00:00Z", "2026-11-27T24:00:00Z"}) {
      assertNull(CustomerJson.plainUtc(s));
      try {
        OffsetDateTime.parse(s);
        throw new AssertionError("the JDK read " + s);
      } catch (DateTimeParseException expected) {
        // the same verdict
      }
    }
  }
}
