package ru.aidabilling.core.parse;

/**
 * Character rules the name and address parsers share: what counts as a space, a quote, a Cyrillic
 * or Latin letter, how a word is proper-cased and how Latin look-alikes typed into Cyrillic words
 * are put back. Package-private: it serves the parsers and nothing else.
 */
final class Letters {
  private Letters() {}

  /** Latin letters that look like Cyrillic ones, and the Cyrillic letter each stands for. */
  private static final String LATIN_LOOKALIKES = "AaBCcEeHKkMOoPpTXxyY";

  private static final String CYRILLIC_TWINS = "АаВСсЕеНКкМОоРрТХхуУ";

  /** Spaces of every kind, control characters and zero-width characters. */
  static boolean isSpace(char c) {
    if (c <= ' ' || (c >= '\u007F' && c <= '\u00A0')) {
      return true;
    }
    if (c < '\u1680') {
      return false;
    }
    return Character.isSpaceChar(c)
        || Character.isWhitespace(c)
        || (c >= '\u200B' && c <= '\u200F')
        || c == '\u2060'
        || c == '\uFEFF';
  }

  static boolean isQuote(char c) {
    return c == '"' || c == '«' || c == '»' || c == '“' || c == '”' || c == '„' || c == '‟'
        || c == '‹' || c == '›' || c == '＂';
  }

  static boolean isOpeningQuote(char c) {
    return c == '«' || c == '„' || c == '“' || c == '‹';
  }

  /** The closing quote that goes with an opening one ({@code "} closes itself). */
  static char closingQuote(char open) {
    return switch (open) {
      case '«' -> '»';
      case '‹' -> '›';
      case '„' -> '“';
      case '“' -> '”';
      default -> open;
    };
  }

  static boolean isCyrillic(char c) {
    if (c >= 'А' && c <= 'я' || c == 'ё' || c == 'Ё') {
      return true;
    }
    return c >= '\u0400' && c <= '\u04FF' && Character.isLetter(c);
  }

  // Fast paths for ASCII and the Russian alphabet; everything else asks java.lang.Character.

  static boolean isLetter(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    if (c >= 'А' && c <= 'я' || c == 'ё' || c == 'Ё') {
      return true;
    }
    return Character.isLetter(c);
  }

  static boolean isLetterOrDigit(char c) {
    if (c >= 'А' && c <= 'я') {
      return true;
    }
    return (c >= '0' && c <= '9') || (c >= 128 ? isLetter(c) || Character.isDigit(c) : isLetter(c));
  }

  static boolean isUpper(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z';
    }
    if (c >= 'А' && c <= 'я') {
      return c <= 'Я';
    }
    return c == 'Ё' || (c != 'ё' && Character.isUpperCase(c));
  }

  static boolean isLower(char c) {
    if (c < 128) {
      return c >= 'a' && c <= 'z';
    }
    if (c >= 'А' && c <= 'я') {
      return c >= 'а';
    }
    return c == 'ё' || (c != 'Ё' && Character.isLowerCase(c));
  }

  /** Whether {@code s} holds a capital letter ({@link #isUpper}). */
  static boolean hasUpper(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (isUpper(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s} holds a lower-case letter ({@link #isLower}). */
  static boolean hasLower(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (isLower(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static char toLower(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    if (c >= 'А' && c <= 'Я') {
      return (char) (c + 32);
    }
    if (c >= 'а' && c <= 'я' || c == 'ё' || c < '\u00C0') {
      return c;
    }
    return c == 'Ё' ? 'ё' : Character.toLowerCase(c);
  }

  static char toUpper(char c) {
    if (c < 128) {
      return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }
    if (c >= 'а' && c <= 'я') {
      return (char) (c - 32);
    }
    if (c >= 'А' && c <= 'Я' || c == 'Ё' || c < '\u00B5') {
      return c;
    }
    return c == 'ё' ? 'Ё' : Character.toUpperCase(c);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isHyphen(char c) {
    return c == '-' || (c >= '\u2010' && c <= '\u2015') || c == '\u2212';
  }

  /**
   * The word with Latin look-alikes put back as Cyrillic in each hyphen-separated part that is
   * Cyrillic with only look-alikes among its Latin letters ({@code Вoлжский} typed with a Latin o).
   * A part with a Latin letter that has no Cyrillic twin is a Latin word or a brand glued to a
   * Cyrillic one ({@code SkyСити}, {@code ЭкоPark}) and stays as written, as does a Latin part
   * ({@code Life} in {@code Life-Ботанический}). Returns the word itself when nothing changes.
   */
  static String cyrillicTwins(String word) {
    char[] out = null;
    int start = 0;
    int n = word.length();
    while (start < n) {
      int end = start;
      boolean cyrillic = false;
      boolean twin = false;
      boolean latinWord = false;
      while (end < n && !isHyphen(word.charAt(end))) {
        char c = word.charAt(end);
        cyrillic |= isCyrillic(c);
        if (c < 128 && Character.isLetter(c)) {
          if (cyrillicTwin(c) != 0) {
            twin = true;
          } else {
            latinWord = true;
          }
        }
        end++;
      }
      if (cyrillic && twin && !latinWord) {
        if (out == null) {
          out = word.toCharArray();
        }
        for (int i = start; i < end; i++) {
          char t = out[i] < 128 ? cyrillicTwin(out[i]) : 0;
          if (t != 0) {
            out[i] = t;
          }
        }
      }
      start = end + 1;
    }
    return out == null ? word : new String(out);
  }

  /**
   * {@link #CYRILLIC_TWINS} indexed by the Latin letter, 0 where it has none: the look-up runs for
   * most letters of every address word, where a search of the string cost more than the rest.
   */
  private static final char[] TWIN_OF_ASCII = new char[128];

  static {
    for (int i = 0; i < LATIN_LOOKALIKES.length(); i++) {
      TWIN_OF_ASCII[LATIN_LOOKALIKES.charAt(i)] = CYRILLIC_TWINS.charAt(i);
    }
  }

  /** The Cyrillic twin of a Latin look-alike, or 0 if the letter has none. */
  static char cyrillicTwin(char c) {
    return c < 128 ? TWIN_OF_ASCII[c] : 0;
  }

  /** Lower case with {@code ё} folded to {@code е}, for dictionary look-ups only. */
  static char fold(char c) {
    if (c >= 'а' && c <= 'я') {
      return c;
    }
    if (c >= 'А' && c <= 'Я') {
      return (char) (c + 32);
    }
    char l = toLower(c);
    return l == 'ё' ? 'е' : l;
  }

  /** Trims and collapses every run of spaces (of any kind) into one plain space. */
  static String collapse(String s) {
    int n = s.length();
    if (isClean(s)) {
      return s;
    }
    StringBuilder b = new StringBuilder(n);
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        pendingSpace = b.length() > 0;
      } else {
        if (pendingSpace) {
          b.append(' ');
          pendingSpace = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /** True when the string has no space at either end and only single plain spaces inside. */
  private static boolean isClean(String s) {
    int n = s.length();
    if (n == 0) {
      return true;
    }
    if (isSpace(s.charAt(0)) || isSpace(s.charAt(n - 1))) {
      return false;
    }
    boolean prevSpace = false;
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (prevSpace) {
          return false;
        }
        prevSpace = true;
      } else if (isSpace(c)) {
        return false;
      } else {
        prevSpace = false;
      }
    }
    return true;
  }

  /**
   * Proper case for one word: each hyphen-separated part starts upper-case, the rest lower-case. A
   * part that starts with a digit stays lower-case after it ({@code 2-я}); the parts named in
   * {@code keepLower} ({@code на} in {@code Калач-на-Дону}) stay lower-case when not first.
   */
  static String properCase(String word, KeyTable<?> keepLower) {
    int n = word.length();
    char[] out = new char[n];
    int start = 0;
    boolean afterDigitPart = false;
    while (start <= n) {
      int end = start;
      while (end < n && !isHyphen(word.charAt(end))) {
        end++;
      }
      boolean lowerAll =
          afterDigitPart
              || (start > 0 && keepLower != null && keepLower.contains(word, start, end));
      for (int i = start; i < end; i++) {
        char c = word.charAt(i);
        out[i] = i == start && !lowerAll ? toUpper(c) : toLower(c);
      }
      afterDigitPart = end > start && isDigit(word.charAt(start));
      if (end < n) {
        out[end] = word.charAt(end);
      }
      start = end + 1;
    }
    return new String(out);
  }

  static String lower(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char l = toLower(c);
      if (l != c && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        b.append(l);
      }
    }
    return b == null ? s : b.toString();
  }

  /** Whether s, folded as {@link #key} folds it, equals the (already folded) key. */
  static boolean keyEquals(CharSequence s, String key) {
    int j = 0;
    int kl = key.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        continue;
      }
      char f = isHyphen(c) ? '-' : fold(c);
      if (j == kl || key.charAt(j) != f) {
        return false;
      }
      j++;
    }
    return j == kl;
  }

  /** Whether the word ends with the (lower-case, ё-folded) suffix, ignoring case. */
  /** Whether the word ends with one of the (folded) suffixes. */
  static boolean endsWithAny(CharSequence word, String[] suffixes) {
    for (String suffix : suffixes) {
      if (endsWith(word, suffix)) {
        return true;
      }
    }
    return false;
  }

  static boolean endsWith(CharSequence word, String suffix) {
    int off = word.length() - suffix.length();
    if (off < 0) {
      return false;
    }
    for (int i = 0; i < suffix.length(); i++) {
      if (fold(word.charAt(off + i)) != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Lower-cased, {@code ё} folded, dots removed: the key markers and dictionaries are kept by. */
  static String key(CharSequence s, int from, int to) {
    StringBuilder b = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '.') {
        b.append(isHyphen(c) ? '-' : fold(c));
      }
    }
    return b.toString();
  }
}
