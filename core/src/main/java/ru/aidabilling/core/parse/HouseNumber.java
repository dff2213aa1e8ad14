package ru.aidabilling.core.parse;

/**
 * Reads one written house number into house, block and flat: {@code 15}, {@code 12А}, {@code 41а},
 * {@code 8/1}, {@code 15-А}, {@code 15-3} (house 15, flat 3), {@code 5к2}, {@code 5корп2}, {@code
 * 5стр1}, {@code 10кв5}. A hand-written scanner, as this runs for every address.
 */
final class HouseNumber {
  private HouseNumber() {}

  /**
   * {house, block, flat} (block and flat may be null), or null when the text is not one of these.
   */
  static String[] split(String s) {
    int n = s.length();
    int i = digits(s, 0);
    if (i == 0) {
      return null;
    }
    i = letter(s, i);
    if (i < n && s.charAt(i) == '/' && i + 1 < n && Letters.isDigit(s.charAt(i + 1))) {
      i = letter(s, digits(s, i + 1));
    }
    if (i + 2 == n && Letters.isHyphen(s.charAt(i)) && Letters.isLetter(s.charAt(i + 1))) {
      i = n; // "15-А"
    }
    String[] out = {s.substring(0, i), null, null};
    while (i < n) {
      char c = s.charAt(i);
      if (Letters.isHyphen(c) && i + 1 < n && Letters.isDigit(s.charAt(i + 1))) {
        int end = letter(s, digits(s, i + 1));
        if (end != n || out[2] != null) {
          return null;
        }
        out[2] = s.substring(i + 1, end); // "15-3"
        i = end;
        continue;
      }
      if (!Letters.isLetter(c)) {
        return null;
      }
      int wordEnd = i;
      while (wordEnd < n && Letters.isLetter(s.charAt(wordEnd))) {
        wordEnd++;
      }
      String key = Letters.key(s, i, wordEnd);
      int valueStart = wordEnd < n && s.charAt(wordEnd) == '.' ? wordEnd + 1 : wordEnd;
      int valueEnd = letter(s, digits(s, valueStart));
      if (valueEnd == valueStart || !Letters.isDigit(s.charAt(valueStart))) {
        return null;
      }
      String value = s.substring(valueStart, valueEnd);
      int slot = slotOf(key);
      if (slot < 0 || out[slot] != null) {
        return null;
      }
      out[slot] = value;
      i = valueEnd;
    }
    return out;
  }

  private static int slotOf(String key) {
    switch (key) {
      case "к":
      case "корп":
      case "корпус":
      case "стр":
      case "с":
      case "ст":
        return 1;
      case "кв":
      case "оф":
      case "пом":
        return 2;
      default:
        return -1;
    }
  }

  private static int digits(String s, int i) {
    while (i < s.length() && Letters.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Takes one letter after a number unless a marker follows ("5к2" keeps the к for the block). */
  private static int letter(String s, int i) {
    if (i == 0 || i >= s.length() || !Letters.isLetter(s.charAt(i))) {
      return i;
    }
    int after = i + 1;
    if (after < s.length()
        && (Letters.isLetter(s.charAt(after)) || Letters.isDigit(s.charAt(after)))) {
      return i;
    }
    if (after < s.length() && s.charAt(after) == '.') {
      return i; // "5к.2"
    }
    return after;
  }
}
