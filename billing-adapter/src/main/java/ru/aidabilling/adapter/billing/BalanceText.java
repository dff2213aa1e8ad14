package ru.aidabilling.adapter.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.regex.Pattern;
import ru.aidabilling.core.domain.Money;

/**
 * Reads billing's {@code ballance} as money, however it was written: {@code "256.52"}, {@code "1
 * 004,00"} (spaces, no-break spaces, comma decimal mark), {@code -1250.5}, {@code "−10"}, and a PHP
 * float printed in full ({@code 256.51999999999998}). The amount has exactly two decimals ({@code
 * -1250.5} → {@code -1250.50}, {@code 256.51999999999998} → {@code 256.52}, rounded half up). Text
 * that is not an amount gives no balance: the account is still worth showing, just without one.
 */
final class BalanceText {
  private static final Pattern PLAIN = Pattern.compile("[+-]?[0-9]{1,20}(\\.[0-9]{1,30})?");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u2009']");

  private BalanceText() {}

  /** The amount in roubles, or empty when the text is blank or not a number. */
  static Optional<Money> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (plain(text)) { // what billing almost always sends: no regular expression needed
      return Optional.of(Money.rub(atLeastTwoDecimals(new BigDecimal(text))));
    }
    return parseWritten(text);
  }

  /** {@link #parse} without the fast path for plain amounts; package-private for the tests. */
  static Optional<Money> parseWritten(String text) {
    String s = SPACES.matcher(text.strip()).replaceAll("").replace('\u2212', '-');
    s = s.endsWith("руб.") ? s.substring(0, s.length() - 4) : s;
    s = s.endsWith("₽") ? s.substring(0, s.length() - 1) : s;
    s = normaliseSeparators(s);
    if (s == null || !PLAIN.matcher(s).matches()) {
      return Optional.empty();
    }
    return Optional.of(Money.rub(atLeastTwoDecimals(new BigDecimal(s))));
  }

  /**
   * Whether the text is an amount as {@link #PLAIN} has it, with nothing around it: an optional
   * sign, 1 to 20 digits, and optionally a dot and 1 to 30 digits.
   */
  private static boolean plain(String text) {
    int i = 0;
    int n = text.length();
    if (n > 0 && (text.charAt(0) == '+' || text.charAt(0) == '-')) {
      i++;
    }
    int start = i;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    int whole = i - start;
    if (whole < 1 || whole > 20) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (text.charAt(i) != '.') {
      return false;
    }
    int fraction = n - i - 1;
    if (fraction < 1 || fraction > 30) {
      return false;
    }
    for (i++; i < n; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A JSON number as money; empty when it is absurdly large or precise. */
  static Optional<Money> of(BigDecimal number) {
    if (number == null || number.precision() - number.scale() > 20 || number.scale() > 30) {
      return Optional.empty();
    }
    return Optional.of(Money.rub(atLeastTwoDecimals(number)));
  }

  /** Exactly two decimals: kopecks are billing's unit; a float's tail is noise. */
  private static BigDecimal atLeastTwoDecimals(BigDecimal d) {
    return d.setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * Makes {@code .} the decimal mark. With both marks present the last one is the decimal mark
   * ({@code 1,004.00}, {@code 1.004,00}); a single kind that appears once is the decimal mark
   * ({@code 1004,5}); a kind that appears several times groups thousands ({@code 1,004,000}).
   */
  private static String normaliseSeparators(String s) {
    int lastComma = s.lastIndexOf(',');
    int lastDot = s.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      char decimal = lastComma > lastDot ? ',' : '.';
      char group = decimal == ',' ? '.' : ',';
      return grouped(s, group, decimal)
          ? s.replace(String.valueOf(group), "").replace(decimal, '.')
          : null;
    }
    char mark = lastComma >= 0 ? ',' : '.';
    int count = (int) s.chars().filter(c -> c == mark).count();
    if (count > 1) {
      return grouped(s, mark, '\0') ? s.replace(String.valueOf(mark), "") : null;
    }
    return s.replace(',', '.');
  }

  /** Thousands grouped properly: {@code 1.234.567,89}, not {@code 1.2.3,4}. */
  private static boolean grouped(String s, char group, char decimal) {
    String g = Pattern.quote(String.valueOf(group));
    String d = decimal == '\0' ? "" : "(" + Pattern.quote(String.valueOf(decimal)) + "[0-9]+)?";
    return s.matches("[+-]?[0-9]{1,3}(" + g + "[0-9]{3})+" + d);
  }
}
