package ru.aidabilling.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A text as FreeScout stores it in a customer field. FreeScout's {@code Customer::setData()} (which
 * the API's PUT goes through) passes every field through {@code Helper::stripTags()}: it drops
 * {@code <script>}/{@code <style>} blocks, then what PHP's {@code strip_tags()} takes for markup,
 * then turns every run of whitespace into one space and trims. A value written with markup is
 * therefore stored without it, and comparing the next sync's wish against the stored value must see
 * the same text, or every sync would write it again (and audit it, and reload the agent's page).
 *
 * <p>The markup rules follow PHP 8's {@code php_strip_tags_ex()} with no allowed tags: {@code <}
 * followed by a whitespace character (or nothing) is text, any other {@code <} opens a tag that
 * ends at the next {@code >} outside quotes (nested {@code <} count), {@code <!--} opens a comment
 * that ends at {@code -->}, {@code <!…>} and {@code <?…?>} are dropped, and a tag left open runs to
 * the end of the text. A {@code >} outside a tag is text.
 */
public final class StoredText {
  /* PHP's /\s+/u (PCRE2 with Unicode properties): Unicode white space, and U+180E as it still
   * counts there. */
  private static final Pattern SPACES = Pattern.compile("(?U)[\\s\\u180E]+");

  private static final int TEXT = 0;
  private static final int TAG = 1;
  private static final int PHP = 2;
  private static final int BANG = 3;
  private static final int COMMENT = 4;

  private StoredText() {}

  /** The value FreeScout would store for {@code value}, null when nothing is left. */
  public static String asStored(String value) {
    if (value == null) {
      return null;
    }
    if (isPlain(value)) {
      return value.isEmpty() ? null : value; // the usual value: nothing to strip or collapse
    }
    return theLongWay(value);
  }

  /**
   * The value that FreeScout stores unchanged when it is written again, reached from {@link
   * #asStored}: a stored value can still end in a {@code <} (kept the first time because white
   * space followed it) that the next store drops, and then the {@code <} before it, and so on; they
   * all go at once here, so that a long {@code " <"}-run costs one pass, not one per character.
   */
  public static String settled(String value) {
    String v = asStored(value);
    while (v != null) {
      String t = withoutTrailingOpeners(v);
      String again = t == null ? null : asStored(t);
      if (Objects.equals(again, t)) {
        return t;
      }
      v = again; // something else changed: go round again (the value only gets shorter)
    }
    return null;
  }

  private static String withoutTrailingOpeners(String v) {
    int end = v.length();
    while (end > 0 && (v.charAt(end - 1) == '<' || v.charAt(end - 1) == ' ')) {
      end--;
    }
    return end == 0 ? null : v.substring(0, end);
  }

  /** {@link #asStored} without its shortcut for plain values (package-visible for its test). */
  static String theLongWay(String value) {
    String t = withoutBlocks(value, "script");
    t = withoutBlocks(t, "style");
    t = stripTags(t);
    return Text.clean(SPACES.matcher(t).replaceAll(" "));
  }

  /**
   * FreeScout's {@code preg_replace('#<script(.*?)>(.*?)</script>#is', '', $text)} (and the same
   * for {@code style}) in linear time: a block runs from {@code <script} to the first {@code
   * </script>} after the first {@code >} that follows it, case-insensitively in ASCII. When a
   * {@code <script} has no such end, no later one has either, so the search stops there (the
   * regular expression would try every later start, which takes minutes on a long hostile value).
   */
  static String withoutBlocks(String text, String tag) {
    String open = "<" + tag;
    String close = "</" + tag + ">";
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (true) {
      int start = indexOfAscii(text, open, from);
      if (start < 0) {
        break;
      }
      int gt = text.indexOf('>', start + open.length());
      int end = gt < 0 ? -1 : indexOfAscii(text, close, gt + 1);
      if (end < 0) {
        break;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, start);
      copied = end + close.length();
      from = copied;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Where {@code lower} (ASCII lower case) occurs in {@code s} from {@code from}, ASCII case
   * folded.
   */
  private static int indexOfAscii(String s, String lower, int from) {
    int last = s.length() - lower.length();
    outer:
    for (int i = Math.max(from, 0); i <= last; i++) {
      for (int k = 0; k < lower.length(); k++) {
        char c = s.charAt(i + k);
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + ('a' - 'A'));
        }
        if (c != lower.charAt(k)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * No markup, no NUL and no white space but single spaces between other characters: stored as it
   * is. Conservative: any character that might be white space sends the value the long way.
   */
  private static boolean isPlain(String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == ' ') {
        if (i == 0 || i == n - 1 || value.charAt(i - 1) == ' ') {
          return false;
        }
      } else if (c < ' ' || c == '<' || c >= 0x80 && mayBeSpace(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean mayBeSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85 || c == 0x180E;
  }

  /** PHP's {@code strip_tags($text)} (no allowed tags). */
  static String stripTags(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int state = TEXT;
    int depth = 0;
    char inQuote = 0;
    char last = 0; // PHP's lc in the <? ?> state: the last quote or bracket seen
    int brackets = 0;
    boolean xml = false; // a <?xml …> declaration, read as a tag
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char prev = i > 0 ? s.charAt(i - 1) : 0;
      char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
      switch (state) {
        case TEXT -> {
          if (c == '<') {
            if (isSpace(next)) {
              out.append(c);
            } else {
              state = TAG;
            }
          } else if (c == '>') {
            if (depth > 0) {
              depth--;
            } else {
              out.append(c);
            }
          } else if (c != '\0') {
            out.append(c);
          }
        }
        case TAG -> {
          if (c == '<') {
            if (inQuote == 0 && !isSpace(next)) {
              depth++;
            }
          } else if (c == '>') {
            if (depth > 0) {
              depth--;
            } else if (inQuote == 0 && !(xml && prev == '-')) {
              state = TEXT;
              xml = false;
            }
          } else if (c == '"' || c == '\'') {
            if (inQuote == 0) {
              inQuote = c;
            } else if (inQuote == c) {
              inQuote = 0;
            }
          } else if (c == '!' && prev == '<') {
            state = BANG;
          } else if (c == '?' && prev == '<') {
            state = PHP;
            brackets = 0;
            last = 0;
          }
        }
        case PHP -> {
          if (c == '(' && last != '"' && last != '\'') {
            last = '(';
            brackets++;
          } else if (c == ')' && last != '"' && last != '\'') {
            last = ')';
            brackets--;
          } else if (c == '>') {
            if (depth > 0) {
              depth--;
            } else if (inQuote == 0 && brackets == 0 && last != '"' && prev == '?') {
              state = TEXT;
            }
          } else if (c == '"' || c == '\'') {
            if (prev != '\\') {
              if (last == c) {
                last = 0;
              } else if (last != '\\') {
                last = c;
              }
              if (inQuote == 0) {
                inQuote = c;
              } else if (inQuote == c) {
                inQuote = 0;
              }
            }
          } else if ((c == 'l' || c == 'L')
              && i > 4
              && s.regionMatches(true, i - 4, "<?xm", 0, 4)) {
            state = TAG;
            xml = true;
          }
        }
        case BANG -> {
          if (c == '>') {
            if (depth > 0) {
              depth--;
            } else if (inQuote == 0) {
              state = TEXT;
            }
          } else if (c == '"' || c == '\'') {
            if (prev != '\\') {
              if (inQuote == 0) {
                inQuote = c;
              } else if (inQuote == c) {
                inQuote = 0;
              }
            }
          } else if (c == '-' && prev == '-' && i >= 2 && s.charAt(i - 2) == '!') {
            state = COMMENT;
          } else if ((c == 'e' || c == 'E')
              && i >= 7
              && s.regionMatches(true, i - 6, "doctyp", 0, 6)) {
            state = TAG; // <!DOCTYPE …> is read as a tag
          }
        }
        default -> { // COMMENT
          if (c == '>' && inQuote == 0 && prev == '-' && i >= 2 && s.charAt(i - 2) == '-') {
            state = TEXT;
          }
        }
      }
      if (state == TEXT) {
        inQuote = 0;
      }
    }
    return out.toString();
  }

  /** C's isspace() in the C locale, as PHP tests the character after a {@code <}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
