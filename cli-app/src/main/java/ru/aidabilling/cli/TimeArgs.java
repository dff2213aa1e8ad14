package ru.aidabilling.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the times operators type for {@code --since}: {@code 2024-05-01} (midnight), {@code
 * 2024-05-01T10:00} — both in this machine's time zone, as {@code date} prints them — or {@code
 * 2024-05-01T10:00:00Z} or with an offset ({@code +03:00}).
 */
final class TimeArgs {
  private TimeArgs() {}

  /** In this machine's time zone ({@code TZ}, else the system's). */
  static Optional<Instant> parse(String s) {
    return parse(s, ZoneId.systemDefault());
  }

  static Optional<Instant> parse(String s, ZoneId zone) {
    String t = s.strip();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay(zone).toInstant());
    } catch (DateTimeParseException ignored) {
      return Optional.empty();
    }
  }
}
