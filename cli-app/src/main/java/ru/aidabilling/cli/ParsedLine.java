package ru.aidabilling.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.parse.AddressParser;
import ru.aidabilling.core.parse.NameParser;
import ru.aidabilling.core.parse.PhoneParser;
import ru.aidabilling.core.wire.Wire;

/**
 * One output object of {@code parse} (spec 8): {@code {"name": {...}|null, "address": {...}|null,
 * "phone": "+7..."|null}}, null where the input had no such value or the phone is invalid.
 */
final class ParsedLine {
  private ParsedLine() {}

  /** Each argument null when the input lacks it. */
  static Map<String, Object> of(String name, String address, String phone) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name == null ? null : Wire.name(NameParser.parse(name)));
    m.put("address", address == null ? null : Wire.address(AddressParser.parse(address)));
    m.put("phone", phone == null ? null : PhoneParser.parse(phone).map(Phone::e164).orElse(null));
    return m;
  }
}
