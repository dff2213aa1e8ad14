package ru.aidabilling.core.logging;

import java.util.function.UnaryOperator;
import ru.aidabilling.core.parse.PhoneParser;

/**
 * Finds the runs of digits in free text that may be a phone number, for the log's masking: ten
 * digits or more with separators between them as people write phones ({@code 8 (900) 444-55-66},
 * {@code 8.900.444.55.66}, {@code +7(900)444.55.66}, no-break, thin and other Unicode spaces, en
 * dashes and other Unicode dashes, full-width digits). A slash, comma or letter ends a run, so
 * {@code 8 900 444 55 66 / 8 900 444 55 67} is two runs.
 *
 * <p>What is not a phone stays: a date or an amount has fewer digits ({@code 26.11.2026}, {@code 1
 * 234.56}), a time's hour or minutes beside a run are not part of it ({@code 26.11.2026 12:00},
 * {@code 2026-11-26 12:00:00}) unless the run is a phone with them, and an IPv4 address is left
 * whole ({@code 192.168.100.200}; no Russian phone is one, as no area code is 255 or less).
 *
 * <p>One pass over the characters and no regular expression; {@link #mayHold} is cheaper still and
 * answers for most log lines.
 */
public final class PhoneLikeRuns {
  /** Digits a run needs to be phone-like: a national number has ten. */
  static final int MIN_DIGITS = 10;

  private PhoneLikeRuns() {}

  /**
   * Whether some run of digits and separators holds {@link #MIN_DIGITS} digits: only such a text
   * can contain a run that {@link #replace} replaces. No allocation, one look at each character.
   */
  public static boolean mayHold(String text) {
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        if (++digits >= MIN_DIGITS) {
          return true;
        }
      } else if (!isSeparator(c)) {
        digits = 0;
      }
    }
    return false;
  }

  /**
   * The text with every phone-like run replaced by what {@code mask} makes of it; the text itself
   * (the same instance) when there is none.
   */
  public static String replace(String text, UnaryOperator<String> mask) {
    if (text == null || !mayHold(text)) {
      return text;
    }
    int n = text.length();
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      boolean plus = c == '+' && i + 1 < n && isDigit(text.charAt(i + 1));
      if (!plus && !isDigit(c)) {
        i++;
        continue;
      }
      int end = runEnd(text, plus ? i + 1 : i);
      int from = i;
      int to = end;
      if (!plus && isTimeBeside(text, i, end) && !isPhone(text, i, end)) {
        from = afterLeadingMinutes(text, i, end);
        to = beforeTrailingHour(text, from, end);
      }
      if (!plus) {
        from = afterLeadingDate(text, from, to);
        to = beforeTrailingDate(text, from, to);
      }
      if (digitCount(text, from, to) >= MIN_DIGITS && !isIpAddress(text, from, to)) {
        if (out == null) {
          out = new StringBuilder(n + 8);
        }
        out.append(text, copied, from).append(mask.apply(text.substring(from, to)));
        copied = to;
      }
      i = end;
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  /**
   * The run as {@link ru.aidabilling.core.parse.PhoneParser} reads it: full-width digits as ASCII,
   * every Unicode space as a space and every dash as a hyphen.
   */
  static String plain(String run) {
    StringBuilder s = new StringBuilder(run.length());
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      if (c >= '０' && c <= '９') {
        s.append((char) ('0' + (c - '０')));
      } else if (c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR) {
        s.append(' ');
      } else if (c > 127 && isDash(c)) {
        s.append('-');
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /** An ASCII or full-width digit. */
  static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
  }

  /** What may stand between the digits of a phone: spaces, dashes, brackets and dots. */
  static boolean isSeparator(char c) {
    if (c < 128) {
      return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || Character.isWhitespace(c);
    }
    return Character.getType(c) == Character.SPACE_SEPARATOR
        || Character.isWhitespace(c)
        || isDash(c);
  }

  private static boolean isDash(char c) {
    return Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212'; // minus sign
  }

  /** Past the last digit of the run of digits and separators that starts at {@code i}. */
  private static int runEnd(String s, int i) {
    int lastDigit = i;
    int j = i;
    while (j < s.length() && (isDigit(s.charAt(j)) || isSeparator(s.charAt(j)))) {
      if (isDigit(s.charAt(j))) {
        lastDigit = j;
      }
      j++;
    }
    return lastDigit + 1;
  }

  /** Whether a time ({@code 12:00}) touches the run {@code [from, end)} on either side. */
  private static boolean isTimeBeside(String s, int from, int end) {
    return from >= 2 && s.charAt(from - 1) == ':' && isDigit(s.charAt(from - 2))
        || end + 1 < s.length() && s.charAt(end) == ':' && isDigit(s.charAt(end + 1));
  }

  private static boolean isPhone(String s, int from, int to) {
    return PhoneParser.parse(plain(s.substring(from, to))).isPresent();
  }

  /**
   * Where the run {@code [from, end)} starts once the minutes or seconds of a time before it are
   * left out ({@code 12:30 8 900 …}): a group of one or two digits right after {@code 12:}.
   */
  private static int afterLeadingMinutes(String s, int from, int end) {
    if (from < 2 || s.charAt(from - 1) != ':' || !isDigit(s.charAt(from - 2))) {
      return from;
    }
    int j = from;
    while (j < end && isDigit(s.charAt(j))) {
      j++;
    }
    if (j - from > 2) {
      return from;
    }
    while (j < end && !isDigit(s.charAt(j))) {
      j++;
    }
    return j;
  }

  /**
   * Where the run {@code [from, end)} ends once the hour of a time after it is left out ({@code
   * 26.11.2026 12:00}): a last group of one or two digits right before {@code :00}.
   */
  private static int beforeTrailingHour(String s, int from, int end) {
    if (end + 1 >= s.length() || s.charAt(end) != ':' || !isDigit(s.charAt(end + 1))) {
      return end;
    }
    int g = end;
    while (g > from && isDigit(s.charAt(g - 1))) {
      g--;
    }
    if (end - g > 2 || g == from) {
      return end;
    }
    while (g > from && !isDigit(s.charAt(g - 1))) {
      g--;
    }
    return g;
  }

  /**
   * Where the run {@code [from, end)} starts once a date at its head is left out: {@code
   * 2026-01-15} or {@code 15.01.2026} followed by more digits, as in a dated file name ({@code
   * sync-all-2026-01-15-00-00.jsonl}) or a date before a number. No Russian phone starts with a
   * year of this century or the last, nor with a day and a month joined by dots.
   */
  private static int afterLeadingDate(String s, int from, int end) {
    int dateEnd = from + 10;
    if (dateEnd >= end || !isDate(s, from) || isDigit(s.charAt(dateEnd))) {
      return from;
    }
    int j = dateEnd;
    while (j < end && !isDigit(s.charAt(j))) {
      j++;
    }
    return j;
  }

  /** Where the run {@code [from, end)} ends once a date at its tail is left out. */
  private static int beforeTrailingDate(String s, int from, int end) {
    int dateStart = end - 10;
    if (dateStart <= from || !isDate(s, dateStart) || isDigit(s.charAt(dateStart - 1))) {
      return end;
    }
    int j = dateStart;
    while (j > from && !isDigit(s.charAt(j - 1))) {
      j--;
    }
    return j;
  }

  /**
   * Whether the ten characters at {@code i} are a date: {@code 2026-01-15} or {@code 15.01.2026}.
   */
  private static boolean isDate(String s, int i) {
    if (i + 10 > s.length()) {
      return false;
    }
    if (s.charAt(i + 4) == '-' && s.charAt(i + 7) == '-') {
      int year = number(s, i, 4);
      return year >= 1900 && year <= 2099 && isMonthDay(number(s, i + 5, 2), number(s, i + 8, 2));
    }
    if (s.charAt(i + 2) == '.' && s.charAt(i + 5) == '.') {
      int year = number(s, i + 6, 4);
      return year >= 1900 && year <= 2099 && isMonthDay(number(s, i + 3, 2), number(s, i, 2));
    }
    return false;
  }

  private static boolean isMonthDay(int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  /** The ASCII digits at {@code [i, i + len)} as a number; -1 when one is not a digit. */
  private static int number(String s, int i, int len) {
    int value = 0;
    for (int k = i; k < i + len; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int digitCount(String s, int from, int to) {
    int digits = 0;
    for (int i = from; i < to; i++) {
      if (isDigit(s.charAt(i))) {
        digits++;
      }
    }
    return digits;
  }

  /** Whether {@code [from, to)} is exactly four numbers of 0 to 255 joined by dots. */
  private static boolean isIpAddress(String s, int from, int to) {
    int parts = 0;
    int i = from;
    while (i < to) {
      int value = 0;
      int len = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && len < 4) {
        value = value * 10 + (s.charAt(i++) - '0');
        len++;
      }
      if (len == 0 || len > 3 || value > 255) {
        return false;
      }
      parts++;
      if (i < to) {
        if (s.charAt(i) != '.' || parts == 4) {
          return false;
        }
        i++;
        if (i == to) {
          return false;
        }
      }
    }
    return parts == 4;
  }
}
