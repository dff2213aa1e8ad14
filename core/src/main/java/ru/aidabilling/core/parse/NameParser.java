package ru.aidabilling.core.parse;

import ru.aidabilling.core.domain.ParsedName;

/** Splits a billing full name (spec 6). Pure and thread-safe. */
public final class NameParser {
  private NameParser() {}

  public static ParsedName parse(String input) {
    if (input == null || input.isBlank()) {
      return ParsedName.UNKNOWN;
    }
    String[] w = input.strip().split("\\s+");
    return switch (w.length) {
      case 1 -> ParsedName.UNKNOWN;
      case 2 -> ParsedName.person(w[0], w[1], null);
      default -> ParsedName.person(w[0], w[1], w[2]);
    };
  }
}
