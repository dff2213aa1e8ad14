package ru.aidabilling.http.sandbox;

/**
 * The demo page's one escaper: every value goes through it, as Blade's {@code {{ }}} does in the
 * module ({@code htmlspecialchars} with {@code ENT_QUOTES}), so it is safe in text and in quoted
 * attributes alike.
 */
final class Html {
  private Html() {}

  /** Escapes {@code & < > " '}; null becomes the empty string. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#039;";
            default -> null;
          };
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }
}
