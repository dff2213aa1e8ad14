package ru.aidabilling.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the times operators type for {@code --since}: {@code 2024-05-01} (midnight UTC), {@code
 * 2024-05-01T10:00} (UTC), {@code 2024-05-01T10:00:00Z} or with an offset ({@code +03:00}).
 */
final class TimeArgs {
  private TimeArgs() {}

  static Optional<Instant> parse(String s) {
    String t = s.strip();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException ignored) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException ignored) {
      return Optional.empty();
    }
  }
}
