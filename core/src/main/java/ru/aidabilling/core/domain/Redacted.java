package ru.aidabilling.core.domain;

/**
 * How the public values print in {@code toString}: an embedder may log a whole outcome, and the log
 * must not hold a subscriber's phone or name (spec 7). A name becomes its first letter and {@code
 * ***} ({@code Н***}, as the service's own log lines); free text that may hold a name or a phone (a
 * field's value, an address as billing wrote it, a message) becomes its first letter, {@code ***}
 * and its length ({@code Н***(25)}), enough to tell values apart without reading them. Phones print
 * as {@link Phone#masked()}. Self-contained: the domain and the ports use it, and neither depends
 * on {@code core.logging}.
 */
public final class Redacted {
  private Redacted() {}

  /** {@code Новичков Тарас Викторович} → {@code Н***}; null stays null. */
  public static String name(String name) {
    if (name == null) {
      return null;
    }
    String s = blankTrimmed(name);
    return s.isEmpty() ? "" : new String(Character.toChars(s.codePointAt(0))) + "***";
  }

  /** {@code Новичков Тарас Викторович} → {@code Н***(25)}; null stays null. */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String s = blankTrimmed(text);
    return s.isEmpty()
        ? ""
        : new String(Character.toChars(s.codePointAt(0))) + "***(" + s.length() + ")";
  }

  /**
   * A phone as someone wrote it ({@code 8 (900) 444-55-66}): every digit but the first four and the
   * last two becomes {@code *} ({@code 8 (900) ***-**-66}), as {@link Phone#masked()} does for the
   * canonical form; with fewer than 10 digits (a local number) only the last two stay. Null stays
   * null.
   */
  public static String phoneText(String phone) {
    if (phone == null) {
      return null;
    }
    int digits = 0;
    for (int i = 0; i < phone.length(); i++) {
      if (isDigit(phone.charAt(i))) {
        digits++;
      }
    }
    int keepHead = digits >= 10 ? 4 : 0;
    StringBuilder out = new StringBuilder(phone.length());
    int seen = 0;
    for (int i = 0; i < phone.length(); i++) {
      char c = phone.charAt(i);
      if (isDigit(c)) {
        seen++;
        out.append(seen <= keepHead || seen > digits - 2 ? c : '*');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The text without what shows as nothing at either end: white space, but also the no-break and
   * thin spaces ({@link String#strip} keeps them) and invisible format characters (a byte-order
   * mark, a zero-width space), which billing's exports carry and which would otherwise be the
   * hint's "first letter".
   */
  private static String blankTrimmed(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && isBlank(text.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(text.charAt(to - 1))) {
      to--;
    }
    return text.substring(from, to);
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT;
  }

  /** ASCII digits and their full-width forms ({@code ９}), as the log's phone masking reads them. */
  private static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19');
  }

  /**
   * An exception as a failure's {@code toString()} names it: the class names of the exception and
   * its causes, outermost first, {@code <-} before each ({@code java.lang.IllegalStateException <-
   * java.io.IOException}); never their messages, which may quote a phone, a name or an upstream's
   * URL.
   */
  public static String exceptionClasses(Throwable t) {
    StringBuilder s = new StringBuilder(t.getClass().getName());
    Throwable c = t.getCause();
    for (int depth = 0; c != null && c != t && depth < 8; depth++, t = c, c = c.getCause()) {
      s.append(" <- ").append(c.getClass().getName());
    }
    return s.toString();
  }
}
