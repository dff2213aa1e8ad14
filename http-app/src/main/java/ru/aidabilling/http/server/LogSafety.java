package ru.aidabilling.http.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.parse.PhoneParser;

/**
 * Makes text safe for the log: phone numbers become {@code +7900*****66} and full names their first
 * letter and {@code ***}. Tokens, API keys and the webhook secret are never handed to a logger in
 * the first place; this class covers what can hide inside free text such as an upstream message.
 */
public final class LogSafety {
  /** A run of digits, possibly with +, spaces, dashes and brackets between them (10+ digits). */
  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d\\s()\\-]{8,}\\d");

  private LogSafety() {}

  /** Masks every phone-like run of digits in {@code text}. */
  public static String maskPhones(String text) {
    if (text == null || !mayHoldPhone(text)) {
      return text; // most lines (every access line): no regular expression run at all
    }
    Matcher m = PHONE_LIKE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String found = m.group();
      String masked =
          digitsOf(found).length() < 10
              ? found // a date or an id, not a phone
              : PhoneParser.parse(found).map(Phone::masked).orElseGet(() -> maskDigits(found));
      m.appendReplacement(out, Matcher.quoteReplacement(masked));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Whether some run of digits, white space, brackets and dashes holds 10 digits: only such a run
   * can contain what {@link #PHONE_LIKE} finds and masks.
   */
  static boolean mayHoldPhone(String text) {
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= 10) {
          return true;
        }
      } else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || Character.isWhitespace(c))) {
        digits = 0;
      }
    }
    return false;
  }

  /** {@code Новичков Тарас Викторович} → {@code Н***}. */
  public static String maskName(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return "";
    }
    String s = fullName.strip();
    return new String(Character.toChars(s.codePointAt(0))) + "***";
  }

  private static String digitsOf(String s) {
    StringBuilder digits = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  private static String maskDigits(String s) {
    String digits = digitsOf(s);
    if (digits.length() <= 6) {
      return "*".repeat(digits.length());
    }
    return digits.substring(0, 4)
        + "*".repeat(digits.length() - 6)
        + digits.substring(digits.length() - 2);
  }
}
