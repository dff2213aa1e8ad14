package ru.aidabilling.core.parse;

import java.util.Optional;
import ru.aidabilling.core.domain.Phone;

/**
 * Reads Russian phone numbers in every common written form ({@code 8 (900) 444-55-66}, {@code +7
 * 900 4445566}, {@code 9004445566}, landlines with area code) into E.164. The first of several
 * numbers wins; an extension ({@code доб. 12}, {@code ext 5}) is ignored; anything else (foreign,
 * too short, letters) is invalid. Pure and thread-safe.
 */
public final class PhoneParser {
  private PhoneParser() {}

  public static Optional<Phone> parse(String input) {
    if (input == null) {
      return Optional.empty();
    }
    int n = input.length();
    StringBuilder digits = new StringBuilder(16);
    boolean plus = false;
    int i = 0;
    // skip leading separators
    while (i < n && isSeparator(input.charAt(i))) {
      i++;
    }
    if (i < n && input.charAt(i) == '+') {
      plus = true;
      i++;
    }
    for (; i < n; i++) {
      char c = input.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
        if (digits.length() > 15) {
          return Optional.empty();
        }
      } else if (c == ',' || c == ';' || c == '/' || c == '\n') {
        if (digits.length() > 0) {
          break; // the first of several numbers
        }
      } else if (isSeparator(c)) {
        continue;
      } else if (Character.isLetter(c)) {
        // an extension marker ends the number; letters inside it make it invalid
        if (isExtensionAt(input, i)) {
          break;
        }
        return Optional.empty();
      } else {
        return Optional.empty();
      }
    }
    return toE164(digits.toString(), plus);
  }

  private static Optional<Phone> toE164(String d, boolean plus) {
    String national;
    if (plus) {
      if (d.length() != 11 || d.charAt(0) != '7') {
        return Optional.empty();
      }
      national = d.substring(1);
    } else if (d.length() == 11 && (d.charAt(0) == '7' || d.charAt(0) == '8')) {
      national = d.substring(1);
    } else if (d.length() == 10) {
      national = d;
    } else {
      return Optional.empty();
    }
    char lead = national.charAt(0);
    // Russian numbering plan: 3xx/4xx/8xx landlines, 9xx mobiles; 0, 1, 2, 5, 6, 7 are not Russia.
    if (lead != '3' && lead != '4' && lead != '8' && lead != '9') {
      return Optional.empty();
    }
    return Optional.of(new Phone("+7" + national));
  }

  private static boolean isSeparator(char c) {
    return c == ' '
        || c == '\t'
        || c == '-'
        || c == '('
        || c == ')'
        || c == '.'
        || c == '\u00A0'
        || c == '\u2010'
        || c == '\u2011'
        || c == '\u2012'
        || c == '\u2013'
        || c == '\u2014'
        || c == '\u2212';
  }

  private static boolean isExtensionAt(String s, int i) {
    String rest = s.substring(i, Math.min(s.length(), i + 10)).toLowerCase(java.util.Locale.ROOT);
    return rest.startsWith("доб")
        || rest.startsWith("ext")
        || rest.startsWith("вн")
        || rest.startsWith("x");
  }
}
