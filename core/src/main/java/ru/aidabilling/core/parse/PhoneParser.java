package ru.aidabilling.core.parse;

import java.util.Optional;
import ru.aidabilling.core.domain.Phone;

/**
 * Reads Russian phone numbers in every common written form ({@code 8 (900) 444-55-66}, {@code +7
 * 900 4445566}, {@code 9004445566}, {@code (8442) 12-34-56}, {@code 8 800 …}) into E.164 (spec 6).
 *
 * <p>The first of several numbers wins, whether they are split by a comma, a slash, a semicolon, a
 * new {@code +} or only by spaces ({@code 89004445566 89001112233}); a local number too short to
 * read, first in a list, gives way to the next ({@code 31-22-33, 89054441122}). An extension
 * ({@code доб. 12}, {@code ext 5}, {@code x5}, {@code #5}) and a comment after a complete number
 * ({@code … (моб.)}) are ignored, and a short label in front ({@code тел.}, {@code моб.:}, {@code
 * тел/факс}, {@code жена}) is skipped. Anything else is invalid: letters inside the digits, a
 * foreign country code, a number too short or too long, or a Russian-looking number outside the
 * numbering plan (national numbers start with 3, 4, 8 or 9; an 8 must not be followed by 9, which
 * is a mobile number with its trunk prefix but a digit short).
 *
 * <p>One pass over the characters, no regular expressions and no allocation besides the result:
 * pure, thread-safe and fast.
 */
public final class PhoneParser {
  /** Digits kept from the first group; two numbers and a little more fit. */
  private static final int MAX_DIGITS = 32;

  /**
   * Digits a second number must have for a space-only split to count as "several numbers": a small
   * town's local number has 5 ({@code 89004445566 22-33-4}); fewer is a typo in the first.
   */
  private static final int MIN_SECOND_NUMBER = 5;

  /** Words a number may be labelled with; looked up straight from the input, case and ё folded. */
  private static final KeyTable<Boolean> LABELS =
      KeyTable.words(
          "телефон тел т мобильный моб сотовый сот домашний дом рабочий раб контактный конт номер"
              + " ном факс ф м д phone tel mob ph fax whatsapp viber"
              // whose number it is: a relative's phone is still the household's contact
              + " жена муж мама мать папа отец сын дочь дочка брат сестра бабушка дедушка теща"
              + " свекровь сосед соседка");

  private static final String[] EXTENSIONS = {"доб", "ext", "вн", "x", "х"};

  private PhoneParser() {}

  /**
   * Reads a phone as written by people ({@code 8 (900) 444-55-66}, {@code +7 900…}, with labels or
   * an extension) into E.164. Never throws: null or text that is not a phone gives empty.
   */
  public static Optional<Phone> parse(String input) {
    if (input == null) {
      return Optional.empty();
    }
    int[] next = {-1};
    Optional<Phone> phone = parseFrom(input, 0, next);
    // "31-22-33, 89054441122": a first number too short to read (a local number without its area
    // code) gives way to the next one in the list; a foreign one does not
    for (int tries = 0; phone.isEmpty() && next[0] > 0 && tries < MAX_LIST_TRIES; tries++) {
      int from = next[0];
      next[0] = -1;
      phone = parseFrom(input, from, next);
    }
    return phone;
  }

  /** How many numbers after an unreadable first one are tried. */
  private static final int MAX_LIST_TRIES = 3;

  /**
   * Reads the number that starts at {@code from}; when it is too short to be read and ends at a
   * list delimiter, {@code resume[0]} is set to the position after that.
   */
  private static Optional<Phone> parseFrom(String input, int from, int[] resume) {
    int n = input.length();
    char[] digits = new char[MAX_DIGITS];
    // gaps[k] is true when a separator stood after the k-th digit (1-based count).
    boolean[] gaps = new boolean[MAX_DIGITS + 1];
    int count = 0;
    boolean plus = false;
    boolean separatorSeen = false;
    int i = skipSeparators(input, from);
    for (int label = 0; label < 3; label++) { // "моб. тел. 8900…": labels may come in a row
      int at =
          label > 0 && i < n && isLabelJoint(input.charAt(i)) ? skipSeparators(input, i + 1) : i;
      int next = skipLabel(input, at); // "тел/факс", "т/ф"
      if (next == at) {
        break;
      }
      i = next;
    }
    for (; i < n; i++) {
      char c = input.charAt(i);
      if (c >= '0' && c <= '9') {
        if (count == MAX_DIGITS) {
          break; // enough for the first number and a glance at the next
        }
        digits[count++] = c;
        separatorSeen = false;
      } else if (c == '+') {
        if (count > 0) {
          break; // a second number in international form
        }
        if (plus) {
          return Optional.empty();
        }
        plus = true;
      } else if (isSeparator(c)) {
        if (count > 0) {
          gaps[count] = true;
          separatorSeen = true;
        }
      } else if (isListDelimiter(c)) {
        if (count > 0) {
          if (count < 10 && !plus) {
            resume[0] = i + 1; // a local number, too short to read: the next one may do
          }
          break; // the first of several numbers
        }
      } else if (Character.isLetter(c) || c == '#') {
        if (count == 0) {
          return Optional.empty();
        }
        if (c == '#' || isExtensionAt(input, i)) {
          break;
        }
        if (separatorSeen) {
          break; // a comment after the number; whether the number is complete is checked below
        }
        return Optional.empty();
      } else {
        if (count > 0 && separatorSeen) {
          break;
        }
        return Optional.empty();
      }
    }
    return toE164(digits, count, gaps, plus);
  }

  private static Optional<Phone> toE164(char[] d, int count, boolean[] gaps, boolean plus) {
    int from = 0;
    if (!plus && count > 2 && d[0] == '0' && d[1] == '0') {
      plus = true; // 00 7 … is the international prefix written out
      from = 2;
    }
    int len = count - from;
    if (len < 10) {
      return Optional.empty();
    }
    char lead = d[from];
    int want;
    if (plus) {
      if (lead != '7') {
        return Optional.empty();
      }
      want = 11;
    } else if (lead == '7' || lead == '8') {
      // 8 + ten digits, or ten digits of a landline whose area code starts with 8: (8442) 12-34-56.
      // With more digits, split where a space stood; a lone digit after the tenth is the next
      // number's trunk prefix ("(8442) 12-34-56 8 900 …").
      if (len == 10) {
        want = 10;
      } else if (len == 11) {
        want = 11;
      } else {
        want = gaps[from + 10] ? 10 : 11;
      }
    } else {
      want = 10;
    }
    if (len != want) {
      if (len < want || !gaps[from + want] || len - want < MIN_SECOND_NUMBER) {
        return Optional.empty();
      }
    }
    int nationalFrom = want == 11 ? from + 1 : from;
    char a = d[nationalFrom];
    char b = d[nationalFrom + 1];
    boolean planned = a == '3' || a == '4' || a == '9' || (a == '8' && b != '9');
    if (!planned) {
      return Optional.empty();
    }
    char[] e164 = new char[12];
    e164[0] = '+';
    e164[1] = '7';
    System.arraycopy(d, nationalFrom, e164, 2, 10);
    return Optional.of(new Phone(new String(e164)));
  }

  private static int skipSeparators(String s, int i) {
    while (i < s.length() && (isSeparator(s.charAt(i)) || s.charAt(i) == ':')) {
      i++;
    }
    return i;
  }

  /** Skips one known label such as {@code тел.} or {@code моб:} in front of the number. */
  private static int skipLabel(String s, int i) {
    int end = i;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    if (end == i) {
      return i;
    }
    return LABELS.contains(s, i, end) ? skipSeparators(s, end) : i; // else the main loop rejects it
  }

  private static boolean isLabelJoint(char c) {
    return c == '/' || c == '\\';
  }

  private static boolean isSeparator(char c) {
    return c == ' '
        || c == '\t'
        || c == '-'
        || c == '('
        || c == ')'
        || c == '.'
        || c == '\u00A0'
        || c == '\u2007'
        || c == '\u202F'
        || (c >= '\u2010' && c <= '\u2015')
        || c == '\u2212';
  }

  private static boolean isListDelimiter(char c) {
    return c == ',' || c == ';' || c == '/' || c == '\\' || c == '|' || c == '\n' || c == '\r';
  }

  private static boolean isExtensionAt(String s, int i) {
    for (String ext : EXTENSIONS) {
      if (s.regionMatches(true, i, ext, 0, ext.length())) {
        int after = i + ext.length();
        // "x5" / "доб.12" / "ext 5": the marker must not run on into a longer word
        if (after >= s.length() || !Character.isLetter(s.charAt(after)) || ext.equals("доб")) {
          return true;
        }
      }
    }
    return false;
  }
}
