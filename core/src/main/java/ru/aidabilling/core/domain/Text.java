package ru.aidabilling.core.domain;

/** The one rule for optional text in the domain: blank means absent (null), never "". */
public final class Text {
  private Text() {}

  /** Trims; returns null for null, empty or whitespace-only input. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    if (!s.isEmpty() && surelyNoSpace(s.charAt(0)) && surelyNoSpace(s.charAt(s.length() - 1))) {
      return s; // the usual case, settled without strip()'s code-point walk (every parsed field)
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  /**
   * True for characters that are surely not white space to {@link String#strip}: every one of its
   * white-space characters is at most U+0020 or at least U+1680.
   */
  private static boolean surelyNoSpace(char c) {
    return c > ' ' && c < '\u1680';
  }

  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
