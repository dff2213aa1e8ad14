package ru.aidabilling.core.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an address into words for {@link AddressParser}: commas, semicolons and brackets become
 * boundaries, quotes are dropped but remembered (a quoted name is never read as a marker), and a
 * marker glued to what follows is cut off ({@code ул.Ленина}, {@code д.5}, {@code кв3}, {@code
 * №5}). A single capital glued to a word after a street marker stays whole: {@code ул.С.Разина} is
 * a street named after someone, not a village.
 */
final class AddressTokens {
  private AddressTokens() {}

  private static final KeyTable<Boolean> ORDINAL_SUFFIXES =
      KeyTable.words("я й ая ой ый ий е го ое ья ей");

  /** One word of the address, with its place in the input. */
  static final class Token {
    final String text;
    final AddressMarkers.Entry entry;
    final AddressMarkers.Marker marker;
    final int start;
    final int end;
    final boolean boundary;
    final boolean quoted;
    final boolean number;

    Token(String text, int start, boolean boundary, boolean quoted) {
      this.text = text;
      this.entry = Letters.isDigit(text.charAt(0)) ? null : AddressMarkers.entry(text);
      this.marker = entry == null ? null : entry.single();
      this.start = start;
      this.end = start + text.length();
      this.boundary = boundary;
      this.quoted = quoted;
      this.number = Letters.isDigit(text.charAt(0)) && !isOrdinal(text);
    }

    /** {@code 5-я}, {@code 2-й}, {@code 1-ая}: part of a name, not a house number. */
    private static boolean isOrdinal(String s) {
      int i = 0;
      while (i < s.length() && Letters.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == 0 || i + 1 >= s.length() || !Letters.isHyphen(s.charAt(i))) {
        return false;
      }
      return ORDINAL_SUFFIXES.contains(s, i + 1, s.length());
    }

    /** A single letter, with or without its dot. */
    boolean isSingleLetter() {
      int l = text.length();
      return Letters.isLetter(text.charAt(0)) && (l == 1 || l == 2 && text.charAt(1) == '.');
    }

    /** Whether the word is this (folded) key: {@code Д.} is {@code д}. */
    boolean is(String key) {
      return Letters.keyEquals(text, key);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>(Math.min(64, 4 + s.length() / 4));
    int n = s.length();
    boolean boundary = true;
    char closeQuote = 0;
    int[] lastQuotes = null;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Letters.isQuote(c)) {
        if (closeQuote != 0 && (c == closeQuote || c == '"' || c == '»' || c == '”')) {
          closeQuote = 0;
        } else if (closeQuote == 0 && (Letters.isOpeningQuote(c) || c == '"' || c == '＂')) {
          if (lastQuotes == null) {
            lastQuotes = lastQuotes(s);
          }
          char close = Letters.closingQuote(c);
          if (lastOf(lastQuotes, close) > i) {
            closeQuote = close;
          } else if (c == '“' && lastOf(lastQuotes, '"') > i) {
            closeQuote = '"';
          }
        }
        i++;
        continue;
      }
      if (!isWordChar(c)) {
        if (closeQuote == 0 && isBoundaryChar(c)) {
          boundary = true;
        }
        i++;
        continue;
      }
      int start = i;
      boolean mayBeGlued = false; // only a dot, a digit, '№' or '#' lets a marker be cut off
      while (i < n && isWordChar(c = s.charAt(i))) {
        mayBeGlued |= c == '.' || Letters.isDigit(c) || c == '№' || c == '#';
        i++;
      }
      int from = start;
      int to = i;
      while (from < to && !isWordStart(s.charAt(from))) {
        from++;
      }
      while (to > from && !isWordEnd(s.charAt(to - 1))) {
        to--;
      }
      if (from == to) {
        if (closeQuote == 0) {
          boundary = true; // a dash standing alone separates like a comma
        }
        continue;
      }
      boundary = emit(out, s, from, to, boundary, closeQuote != 0, !mayBeGlued);
    }
    return out;
  }

  private static final String CLOSING = "»\"”“›＂";

  /** Where each closing quote last occurs, so that an opening quote without one is ignored. */
  private static int[] lastQuotes(String s) {
    int[] last = new int[CLOSING.length()];
    for (int k = 0; k < last.length; k++) {
      last[k] = s.lastIndexOf(CLOSING.charAt(k));
    }
    return last;
  }

  private static int lastOf(int[] last, char close) {
    int k = CLOSING.indexOf(close);
    return k < 0 ? -1 : last[k];
  }

  /**
   * Emits a chunk, cutting glued markers off its front unless it is quoted or {@code whole} (no
   * character that a cut needs); returns the boundary flag to carry on.
   */
  private static boolean emit(
      List<Token> out,
      String s,
      int from,
      int to,
      boolean boundary,
      boolean quoted,
      boolean whole) {
    while (from < to) {
      int cut = quoted || whole ? -1 : cut(out, s, from, to);
      int end = cut > 0 ? from + cut : to;
      out.add(new Token(s.substring(from, end), from, boundary, quoted));
      boundary = false;
      from = end;
    }
    return false;
  }

  /** Where a glued marker ends inside the chunk, or -1 when nothing is to be cut. */
  private static int cut(List<Token> out, String s, int from, int to) {
    char first = s.charAt(from);
    if ((first == '№' || first == '#') && to - from > 1) {
      return 1;
    }
    if (!Letters.isLetter(first) || !hasDotOrDigit(s, from + 1, to)) {
      return -1;
    }
    if (AddressMarkers.single(s, from, to) != null) {
      return -1; // "п.г.т." is one marker, not "п." and "г.т."
    }
    int best = -1;
    // No marker is longer than the longest one (with a dot after each letter at most): looking
    // further would make a chunk of many glued markers ("г.г.г.…") cost its length squared, as
    // each cut scanned the rest of the chunk again.
    int last = Math.min(to, from + 2 * AddressMarkers.maxLetters() + 2);
    for (int p = from + 1; p < last; p++) {
      char c = s.charAt(p);
      if (c == '.') {
        if (p == to - 1) {
          break;
        }
        if (isCuttable(out, s, from, p + 1, s.charAt(p + 1))
            || p + 2 == to && isBlockBeforeLetter(s, from, p + 1)) {
          best = p + 1 - from;
        }
      } else if (Letters.isDigit(c)) {
        // "д5", "кв3", "корп2": letters of a house-level marker glued to a number
        if (best < 0 && isHouseLevel(s, from, p)) {
          return p - from;
        }
        if (best < 0 && p - from >= 3 && isCyrillicWord(s, from, p)) {
          return p - from; // "Мира25": a street's name glued to the house number
        }
        break;
      } else if (!Letters.isLetter(c) && !Letters.isHyphen(c) && c != '/') {
        break;
      }
    }
    return best;
  }

  /** Cyrillic letters only, no hyphen or dot. */
  private static boolean isCyrillicWord(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Letters.isCyrillic(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasDotOrDigit(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.' && i + 1 < to || Letters.isDigit(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCuttable(List<Token> out, String s, int from, int to, char next) {
    AddressMarkers.Marker m = AddressMarkers.single(s, from, to);
    if (m == null) {
      return false;
    }
    if (Letters.isDigit(next) || next == '№' || next == '#') {
      return true; // "д.5", "кв.3", "мкр.32", "д.№15"
    }
    boolean oneLetter = to - from <= 2; // "г." or "г"
    boolean isD = oneLetter && Letters.fold(s.charAt(from)) == 'д';
    if (!Letters.isLetter(next) || m.level().isHouseLevel() && !isD) {
      return false;
    }
    if (!oneLetter) {
      return true; // "ул.Ленина", "р.п.Светлый"
    }
    // A single letter: "г.Волжский" yes, but "ул.С.Разина" is an initial.
    return Letters.isLower(s.charAt(from)) || !afterStreetMarker(out);
  }

  /**
   * {@code корп.А}, {@code лит.Б}, {@code стр.В}: a block marker of two letters or more glued to
   * the one letter that ends the chunk (the block's letter).
   */
  private static boolean isBlockBeforeLetter(String s, int from, int to) {
    if (to - from <= 2 || !Letters.isLetter(s.charAt(to))) {
      return false; // "к.А" may be an initial
    }
    AddressMarkers.Marker m = AddressMarkers.single(s, from, to);
    return m != null && m.level() == AddressMarkers.Level.BLOCK;
  }

  private static boolean afterStreetMarker(List<Token> out) {
    if (out.isEmpty()) {
      return false;
    }
    Token prev = out.get(out.size() - 1);
    AddressMarkers.Marker m = prev.marker;
    return prev.is("им") || m != null && m.level() == AddressMarkers.Level.STREET;
  }

  private static boolean isHouseLevel(String s, int from, int to) {
    AddressMarkers.Marker m = AddressMarkers.single(s, from, to);
    if (m == null) {
      return false;
    }
    char c = Letters.fold(s.charAt(from));
    return m.level().isHouseLevel() || to - from == 1 && (c == 'д' || c == 'с');
  }

  private static boolean isWordChar(char c) {
    if (c >= 'А' && c <= 'я' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.') {
      return true; // the usual characters of an address word, without the calls below
    }
    if (c == ' ' || c == ',') {
      return false;
    }
    return Letters.isLetterOrDigit(c)
        || c == '.'
        || c == '/'
        || c == '№'
        || c == '#'
        || c == '\''
        || c == '’'
        || Letters.isHyphen(c);
  }

  private static boolean isWordStart(char c) {
    return Letters.isLetterOrDigit(c) || c == '№' || c == '#';
  }

  private static boolean isWordEnd(char c) {
    return Letters.isLetterOrDigit(c) || c == '.' || c == '№';
  }

  private static boolean isBoundaryChar(char c) {
    return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']'
        || c == '{' || c == '}' || c == '\n' || c == '\r' || c == '|';
  }
}
