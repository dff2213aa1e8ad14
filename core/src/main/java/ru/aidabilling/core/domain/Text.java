package ru.aidabilling.core.domain;

/** The one rule for optional text in the domain: blank means absent (null), never "". */
public final class Text {
  private Text() {}

  /** Trims; returns null for null, empty or whitespace-only input. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
