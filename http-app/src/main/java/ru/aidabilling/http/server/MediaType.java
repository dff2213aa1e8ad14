package ru.aidabilling.http.server;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code Content-Type} a JSON body may come with: none, {@code application/json} or {@code
 * …+json}, with no {@code charset} but the ones the JSON reader decodes: UTF-8 (RFC 8259 §8.1), and
 * UTF-16 and UTF-32, which Jackson tells from the body's first bytes. A body declared {@code
 * charset=cp1251} would only fail later as «Некорректный JSON», or be read with its Cyrillic
 * garbled, so it is refused up front, naming the charset.
 */
final class MediaType {
  private static final int SHOWN = 40;

  /** What Jackson reads (it detects which from the bytes, BOM or not). */
  private static final Set<String> READABLE =
      Set.of("utf-8", "utf-16", "utf-16be", "utf-16le", "utf-32", "utf-32be", "utf-32le");

  private MediaType() {}

  /**
   * Why {@code contentType} is refused (the 415's detail, in Russian), or empty when it is fine.
   *
   * @param contentType the request's {@code Content-Type}; null when it sent none
   */
  static Optional<String> refusal(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] parts = contentType.split(";");
    String media = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!media.isEmpty() && !media.equals("application/json") && !media.endsWith("+json")) {
      return Optional.of("Тело запроса должно быть JSON (Content-Type: application/json)");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (!param[0].strip().equalsIgnoreCase("charset")) {
        continue;
      }
      String charset = param.length < 2 ? "" : unquoted(param[1].strip());
      if (!READABLE.contains(charset.toLowerCase(Locale.ROOT))) {
        return Optional.of(
            "Тело запроса должно быть в UTF-8 (charset=utf-8), получено: charset="
                + shown(charset));
      }
    }
    return Optional.empty();
  }

  private static String unquoted(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1).strip()
        : value;
  }

  /** The value as the detail may quote it: printable ASCII, at most 40 characters. */
  private static String shown(String value) {
    String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value;
    StringBuilder b = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      b.append(c >= 0x20 && c <= 0x7E || c == '…' ? c : '?');
    }
    return b.toString();
  }
}
