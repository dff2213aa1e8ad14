package ru.aidabilling.core.parse;

import ru.aidabilling.core.domain.ParsedAddress;

/** Splits a billing address (spec 6). Pure and thread-safe. */
public final class AddressParser {
  private AddressParser() {}

  public static ParsedAddress parse(String input) {
    if (input == null || input.isBlank()) {
      return ParsedAddress.EMPTY;
    }
    return new ParsedAddress(null, null, null, null, null, null, null, null, null, null, input);
  }
}
