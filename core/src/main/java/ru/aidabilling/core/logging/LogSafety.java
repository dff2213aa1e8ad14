package ru.aidabilling.core.logging;

import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.Redacted;
import ru.aidabilling.core.parse.NameParser;
import ru.aidabilling.core.parse.PhoneParser;

/**
 * Makes text safe for the log: phone numbers become {@code +7900*****66} and full names their first
 * letter and {@code ***}. Tokens, API keys and the webhook secret are never handed to a logger in
 * the first place; this class covers what can hide inside free text such as an upstream message
 * ({@link #masked}: billing or FreeScout may quote a subscriber's name and phone in an error).
 */
public final class LogSafety {
  private LogSafety() {}

  /**
   * Masks the phones ({@link #maskPhones}) and what may be a person's name ({@link #maskNames}) in
   * free text that did not come from us, such as an upstream's error message.
   */
  public static String masked(String text) {
    return namesMasked(maskPhones(bounded(text)));
  }

  /** The most of a text that is masked and logged: an upstream's message can be a whole page. */
  static final int MAX_TEXT = 4096;

  /**
   * The text cut to {@link #MAX_TEXT} characters with a note of how many were left out, so that
   * masking (which can take time quadratic in a hostile text's length) stays cheap.
   */
  private static String bounded(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
    return text.substring(0, cut) + "… (" + (text.length() - cut) + " more characters)";
  }

  /**
   * Masks every run of two or more name-like Cyrillic words (title case or capitals, hyphens inside
   * allowed; one or two {@link #isSpace spaces} between, no-break and thin ones too, or {@link
   * #listJointEnd punctuation} between two words) or initials such as {@code Т.} or {@code Т.В.},
   * with at least one whole word among them. Such a run ({@code Клиент Новичков Тарас Викторович},
   * {@code НОВИЧКОВ ТАРАС}, {@code КИМ ОЛЕГ}, {@code Новичков Т.В.}, {@code Новичков,Тарас}, {@code
   * "Новичков" "Тарас"}) becomes its first letter and {@code ***}. A lone capitalised word (the
   * start of a sentence) is left alone, and so are Latin words: FreeScout's own messages ({@code
   * Server Error}) stay readable; billing's names are Cyrillic. Abbreviations in capitals ({@code
   * ООО}, {@code ИНН}, {@code УФНС}, our {@code ФИО}) are never a name's word.
   */
  public static String maskNames(String text) {
    return namesMasked(bounded(text));
  }

  /** Both name passes over a text already {@link #bounded}. */
  private static String namesMasked(String text) {
    return maskLowerCaseNames(maskNameLikeRuns(text));
  }

  private static String maskNameLikeRuns(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int runStart = i;
      int parts = 0;
      boolean wholeWord = false;
      int runEnd = i;
      int j = i;
      while (true) {
        int end = nameWordEnd(text, j);
        int initialEnd = end < 0 ? initialsEnd(text, j) : -1;
        if (end < 0 && initialEnd < 0) {
          break;
        }
        parts++;
        wholeWord |= end >= 0;
        runEnd = end >= 0 ? end : initialEnd;
        j = runEnd;
        int listed = end >= 0 ? listJointEnd(text, j) : -1;
        if (listed > j && nameWordEnd(text, listed) >= 0) {
          j = listed; // "Новичков, Тарас", "НОВИЧКОВ_ТАРАС": a word joined to a word
          continue;
        }
        int k = j;
        while (k < n && isSpace(text.charAt(k)) && k - j < 2) {
          k++;
        }
        if (k == j && end >= 0) {
          break; // a word must be followed by a space to go on
        }
        if (k == j && !(initialEnd >= 0 && k < n && isCyrillicUpper(text.charAt(k)))) {
          break; // "Т.В.Новичков" goes on without a space
        }
        j = k;
      }
      if (parts >= 2 && wholeWord) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, runStart)
            .appendCodePoint(text.codePointAt(runStart))
            .append("***");
        copied = runEnd;
        i = runEnd;
      } else {
        i = nextWordStart(text, i);
      }
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  /** The most characters {@link #listJointEnd} reads between two words: {@code ", "}. */
  private static final int MAX_JOINT = 4;

  /**
   * Past the punctuation that joins two words of one name at {@code j}, or -1: up to {@link
   * #MAX_JOINT} spaces and marks of a list or of quotes, at least one mark ({@code Новичков,
   * Тарас}, {@code Новичков;Тарас}, {@code НОВИЧКОВ_ТАРАС}, {@code Новичков/Тарас}, {@code
   * "Новичков" "Тарас"}). A lone quote mark joins nothing: it opens or closes a quoted name beside
   * a word ({@code Кафе «Светлана»}, {@code Тариф "Домашний"}), which stays as a single word would.
   * Only whole words are joined so, never initials ({@code УЛ. СПОРТИВНАЯ, Д. 7}).
   */
  private static int listJointEnd(String s, int j) {
    int n = s.length();
    int k = j;
    int marks = 0;
    int quotes = 0;
    while (k < n && k - j < MAX_JOINT) {
      char c = s.charAt(k);
      if (isQuote(c)) {
        quotes++;
      } else if (c == ',' || c == ';' || c == '_' || c == '/') {
        marks++;
      } else if (!isSpace(c)) {
        break;
      }
      k++;
    }
    return (marks > 0 || quotes > 0) && quotes != 1 ? k : -1;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '«' || c == '»' || c == '„' || c == '“' || c == '”';
  }

  /**
   * Masks two or three Cyrillic words in a row ({@link #lowerCaseGapEnd spaces or punctuation}
   * between, each of two letters or more) that surely name a person whatever their case ({@link
   * NameParser#surelyNamesAPersonInLowerCase}): {@code новичков тарас викторович}, {@code тарас
   * новичков}, {@code мамедов эльчин ахмедович}. Lower case gives no other hint, so ordinary text
   * ({@code абонент не найден}, {@code запросов к API}, {@code с 1 марта новая версия}) stays as it
   * is. Lower-case initials are not read ({@code иванов и.и.} stays): with them too much ordinary
   * text would go ({@code запросов т.к.}).
   */
  private static String maskLowerCaseNames(String text) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    int[] starts = new int[4];
    int[] ends = new int[4];
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      if (!isCyrillicLetter(text.charAt(i)) || (i > 0 && !isWordStart(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      int words = 0;
      int j = i;
      while (words < 3) {
        int end = cyrillicWordEnd(text, j);
        if (end < 0) {
          break;
        }
        starts[words] = j;
        ends[words++] = end;
        int next = lowerCaseGapEnd(text, end);
        if (next < 0) {
          break;
        }
        j = next;
      }
      int masked = 0;
      for (int k = words; k >= 2 && masked == 0; k--) {
        if (NameParser.surelyNamesAPersonInLowerCase(joined(text, starts, ends, 0, k))) {
          masked = k;
        }
      }
      if (masked == 2
          && words == 3
          && NameParser.surelyNamesAPersonInLowerCase(joined(text, starts, ends, 1, 3))) {
        // "гражданин иван петров", "только иван петров": the first name goes with the word on its
        // right, so the scan takes the pair from there
        masked = 0;
      }
      if (masked > 0) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, i).append(text.charAt(i)).append("***");
        copied = ends[masked - 1];
        i = copied;
      } else {
        i = words > 0 ? ends[0] : i + 1;
      }
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  /**
   * Past what may stand between two words of a lower-case name at {@code end}, or -1: what the
   * title-case pass takes there ({@link #maskNameLikeRuns}), so that a name is masked however it is
   * written: one or two {@link #isSpace spaces} ({@code иванов иван}, a no-break space too), or
   * {@link #listJointEnd punctuation} ({@code иванов, иван}, {@code иванов_иван}, {@code
   * иванов/иван}). The words themselves must still surely name a person.
   */
  private static int lowerCaseGapEnd(String text, int end) {
    int n = text.length();
    int listed = listJointEnd(text, end);
    if (listed > end && listed < n) {
      return listed;
    }
    int k = end;
    while (k < n && isSpace(text.charAt(k)) && k - end < 2) {
      k++;
    }
    return k > end && k < n ? k : -1;
  }

  /**
   * What stands between the words of a name as a space does: a space, a tab, or a no-break, thin or
   * other Unicode space (U+00A0, U+2009, U+202F: a billing's or an office suite's text puts them
   * between a surname and a first name), as {@link PhoneLikeRuns} reads them between digits.
   */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || (c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR);
  }

  /** Words {@code [from, to)} of a run, one space between them, as the name test reads them. */
  private static String joined(String text, int[] starts, int[] ends, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int w = from; w < to; w++) {
      if (w > from) {
        b.append(' ');
      }
      b.append(text, starts[w], ends[w]);
    }
    return b.toString();
  }

  /** What may stand before a word of a name: not a letter, digit, hyphen or dot ({@code 5-я}). */
  private static boolean isWordStart(char before) {
    return !isWordChar(before) && before != '-' && before != '.';
  }

  /**
   * The end of a Cyrillic word of two letters or more at {@code i} (hyphens inside), or -1 when it
   * is shorter or a Latin letter or a digit follows.
   */
  private static int cyrillicWordEnd(String s, int i) {
    int n = s.length();
    int j = i;
    while (j < n
        && (isCyrillicLetter(s.charAt(j))
            || s.charAt(j) == '-' && j > i && j + 1 < n && isCyrillicLetter(s.charAt(j + 1)))) {
      j++;
    }
    return j - i < 2 || (j < n && isWordChar(s.charAt(j))) ? -1 : j;
  }

  /**
   * The end of a name-like word at {@code i} (an upper-case letter, then at least one lower-case
   * letter, hyphens between letters allowed, and no letter or digit right after it; or Cyrillic
   * capitals, four or more or {@link #isShortCapitals two or three}, that are not {@link
   * #NOT_NAMES}), or -1.
   */
  private static int nameWordEnd(String s, int i) {
    int n = s.length();
    if (i >= n || !Character.isUpperCase(s.charAt(i)) || (i > 0 && isWordChar(s.charAt(i - 1)))) {
      return -1;
    }
    // a word in title case in any script ("Новичков", "Иванова-Петрова", "Гөлнара", "John"), or
    // a Cyrillic one in capitals ("НОВИЧКОВ"; Latin capitals are our HTTP, API …)
    int j = i + 1;
    int lower = 0;
    int upper = 1;
    while (j < n) {
      char c = s.charAt(j);
      if (Character.isLowerCase(c)) {
        lower++;
        j++;
      } else if (Character.isUpperCase(c)) {
        upper++;
        j++;
      } else if (c == '-' && j + 1 < n && Character.isLetter(s.charAt(j + 1))) {
        j++;
      } else {
        break;
      }
    }
    boolean titleCase = lower > 0 && upper <= 1 + countHyphens(s, i, j);
    boolean capitals =
        lower == 0 && isCyrillicUpper(s.charAt(i)) && (upper >= 4 || isShortCapitals(s, i, j));
    if (!(titleCase || capitals) || (j < n && isWordChar(s.charAt(j)))) {
      return -1;
    }
    String word = s.substring(i, j);
    if (HTTP_WORDS.contains(word)) {
      return -1; // "Server Error", "Not Authorized": FreeScout's own words, not a person's
    }
    if (capitals && NOT_NAMES.contains(word)) {
      return -1; // "ООО", "ИНН", "УФНС": an abbreviation or a common word, never a name
    }
    return j;
  }

  /**
   * Whether {@code [i, j)} is two or three Cyrillic capitals ({@code КИМ}, {@code ЛИ}, {@code
   * ЦОЙ}): a short surname or first name in an upper-case name, to be masked with the words beside
   * it.
   */
  private static boolean isShortCapitals(String s, int i, int j) {
    if (j - i < 2 || j - i > 3) {
      return false;
    }
    for (int k = i; k < j; k++) {
      if (!isCyrillicUpper(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cyrillic words in capitals that name no one: abbreviations of legal forms, registers, taxes,
   * telecoms and addresses, our own {@code ФИО}, and short common words of an upper-case text
   * ({@code АБОНЕНТ НЕ НАЙДЕН}). They stay readable and do not join a run; a longer word in
   * capitals that is not here still counts as a name's word, as it did.
   */
  private static final java.util.Set<String> NOT_NAMES =
      java.util.Set.of(
          (
              // forms of incorporation and partnerships
              "ООО ОАО ЗАО ПАО АО НАО ИП НКО АНО ТСЖ ТСН ЖСК СНТ ДНТ ДНП ГСК МУП ГУП ФГУП ГБУ ГКУ"
                  + " ГАУ МБУ МКУ МАУ МБОУ ГБОУ ГБУЗ КФХ ПК УК ТД ЧП НП ЖКХ ЖКУ РЭУ"
                  // the state, registers, taxes and payments
                  + " РФ МО ФНС УФНС ИФНС ПФР СФР ФСС МВД МЧС ЦБ ИНН КПП ОГРН ОГРНИП ЕГРЮЛ ЕГРИП"
                  + " ОКПО ОКВЭД ОКТМО КБК БИК СНИЛС НДС НДФЛ ФИО ЮЛ ФЛ ЛС ЕЛС ЕПД ЭДО ЭЦП ККТ ОФД СБП"
                  + " ДС РУБ КОП"
                  // telecoms and IT
                  + " СМС ПИН АТС ГТС ДСЛ ВОЛС ТВ ТП ЛК БД СУБД ОС ЦОД АПИ ПД ПУ ИПУ"
                  // address markers written in capitals
                  + " ОБЛ УЛ КВ ПР ПЕР ПОС ПГТ РП МКР ДОМ СТР ОФ ПОМ ЗАТО"
                  // Moscow's okrugs and the places an address names
                  + " ЦАО САО СВАО ВАО ЮВАО ЮАО ЮЗАО СЗАО ТАО ТЦ ТРЦ ТК БЦ ЖК ДК МФЦ СОШ СШ ДЮСШ ЦРБ"
                  + " ВОВ"
                  // short words of an upper-case sentence
                  + " НЕ НЕТ НИ НА ПО ОТ ДО ИЗ ЗА ДЛЯ ИЛИ ПРИ БЕЗ ПРО НАД ПОД ОБ ОБО ВО КО СО ЧТО КАК"
                  + " ВСЕ ВСЁ ЕЩЕ ЕЩЁ УЖЕ ЕГО ЕЕ ЕЁ ЕЙ ОН ОНА ОНИ ОНО МЫ ВЫ ТЫ ИХ ИМ НАМ ВАМ НАС ВАС"
                  + " ЭТО ЭТА ТОТ ТО ТЕ ТАК ДА ЖЕ БЫ НО ГДЕ КТО ЧЕМ ВОТ ТУТ ТАМ ГОД ЛЕТ ЧАС МИН СЕК")
              .split(" "));

  /** Words of the HTTP and Laravel messages FreeScout answers with: never a name to mask. */
  private static final java.util.Set<String> HTTP_WORDS =
      java.util.Set.of(
          "Server",
          "Error",
          "Not",
          "Authorized",
          "Unauthorized",
          "Found",
          "Too",
          "Many",
          "Requests",
          "Service",
          "Unavailable",
          "Bad",
          "Request",
          "Method",
          "Allowed",
          "Gateway",
          "Timeout",
          "Internal",
          "Forbidden",
          "Unprocessable",
          "Entity",
          "Content",
          "Page",
          "Expired",
          "Payload",
          "Large",
          "Occurred",
          "The",
          "Given",
          "Data",
          "Was",
          "Invalid");

  private static int countHyphens(String s, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      if (s.charAt(k) == '-') {
        h++;
      }
    }
    return h;
  }

  private static boolean isCyrillicLetter(char c) {
    return isCyrillicUpper(c) || isCyrillicLower(c);
  }

  private static boolean isCyrillicUpper(char c) {
    return (c >= 'А' && c <= 'Я') || c == 'Ё';
  }

  private static boolean isCyrillicLower(char c) {
    return (c >= 'а' && c <= 'я') || c == 'ё';
  }

  /** The end of initials at {@code i} ({@code Т.} or {@code Т.В.}, not inside a word), or -1. */
  private static int initialsEnd(String s, int i) {
    int n = s.length();
    if (i > 0 && isWordChar(s.charAt(i - 1))) {
      return -1;
    }
    int j = i;
    int count = 0;
    while (j + 1 < n && isCyrillicUpper(s.charAt(j)) && s.charAt(j + 1) == '.') {
      count++;
      j += 2;
      if (j < n
          && isSpace(s.charAt(j))
          && j + 2 < n
          && Character.isUpperCase(s.charAt(j + 1))
          && s.charAt(j + 2) == '.') {
        j++; // "Т. В."
      }
    }
    return count == 0 ? -1 : j;
  }

  private static int nextWordStart(String s, int i) {
    int n = s.length();
    int j = i;
    while (j < n && isWordChar(s.charAt(j))) {
      j++;
    }
    return j == i ? i + 1 : j;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /**
   * Masks every phone-like run of digits in {@code text} ({@link PhoneLikeRuns}): a phone as {@code
   * +7900*****66}, any other run of ten digits or more as its first four and last two.
   */
  public static String maskPhones(String text) {
    return PhoneLikeRuns.replace(text, LogSafety::maskedRun); // most lines: a glance, no copy
  }

  private static String maskedRun(String run) {
    String plain = PhoneLikeRuns.plain(run);
    return PhoneParser.parse(plain).map(Phone::masked).orElseGet(() -> maskDigits(plain));
  }

  /**
   * Whether some run of digits and separators holds 10 digits: only such a text can contain a phone
   * that {@link #maskPhones} masks. A cheap check for the hot path of every log line.
   */
  public static boolean mayHoldPhone(String text) {
    return PhoneLikeRuns.mayHold(text);
  }

  /** {@code Новичков Тарас Викторович} → {@code Н***}. */
  public static String maskName(String fullName) {
    return fullName == null ? "" : Redacted.name(fullName);
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

  /** A run of ten digits or more that is no Russian phone: its first four and last two digits. */
  private static String maskDigits(String s) {
    String digits = digitsOf(s);
    return digits.substring(0, 4)
        + "*".repeat(digits.length() - 6)
        + digits.substring(digits.length() - 2);
  }
}
