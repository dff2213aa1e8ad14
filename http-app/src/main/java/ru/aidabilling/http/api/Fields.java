package ru.aidabilling.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Pattern;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.parse.PhoneParser;

/**
 * Reads the request values the endpoints share (ids, phones, optional strings and flags) with one
 * explicit type check each, so every refusal names the field and what was wrong. Unknown fields are
 * ignored; {@code null} counts as absent for optional fields.
 */
public final class Fields {
  /** A customer id as the path carries it: digits only, so {@code ..}, signs and spaces fail. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");

  private static final int MAX_CONTRACT = 64;

  private Fields() {}

  /** The {@code {id}} path segment. */
  public static CustomerId customerIdSegment(String segment) {
    if (segment == null || segment.isEmpty()) {
      throw new BadRequest("Не указан id клиента");
    }
    if (!DIGITS.matcher(segment).matches()) {
      throw new BadRequest(
          "id клиента должен быть положительным целым числом, получено: " + shown(segment));
    }
    return positive(segment);
  }

  /** The largest customer id taken: 18 digits, as in the path and in strings. */
  private static final long MAX_ID = 999_999_999_999_999_999L;

  /**
   * A required JSON integer field holding a customer id (a string of digits is refused); over 18
   * digits is refused as in the path.
   */
  public static CustomerId requiredCustomerId(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw new BadRequest("Не указано поле " + field);
    }
    if (!n.isIntegralNumber()) {
      throw new BadRequest(
          "Поле " + field + " должно быть целым числом, получено: " + Json.kind(n));
    }
    java.math.BigInteger v = n.bigIntegerValue(); // at most 40 digits (Json's limit)
    if (v.signum() <= 0) {
      throw new BadRequest("Поле " + field + " должно быть больше нуля, получено: " + v);
    }
    if (v.bitLength() > 63 || v.longValue() > MAX_ID) {
      throw new BadRequest("Поле " + field + ": id клиента слишком велик: " + shown(v.toString()));
    }
    return CustomerId.of(v.longValue());
  }

  /**
   * The seed's {@code customer_id}: a JSON integer, or — as the original service's {@code int()}
   * read it — a string of digits, so scripts written for it keep working.
   */
  public static CustomerId seedCustomerId(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n != null && n.isTextual()) {
      String digits = n.textValue().strip();
      if (!DIGITS.matcher(digits).matches()) {
        throw new BadRequest(
            "Поле " + field + " должно быть целым числом, получено: " + shown(n.textValue()));
      }
      return positive(digits);
    }
    return requiredCustomerId(body, field);
  }

  /** An optional phone field: a string a Russian phone can be read from. */
  public static Optional<Phone> optionalPhone(ObjectNode body, String field) {
    return optionalString(body, field, 64).map(s -> phone(field, s));
  }

  public static Phone requiredPhone(ObjectNode body, String field) {
    return optionalPhone(body, field).orElseThrow(() -> new BadRequest("Не указано поле " + field));
  }

  /** A phone given as text (query parameter or field). */
  public static Phone phone(String field, String text) {
    return PhoneParser.parse(text)
        .orElseThrow(
            () ->
                new BadRequest(
                    "Поле "
                        + field
                        + " не похоже на российский номер телефона (пример: +79004445566)"));
  }

  public static Optional<String> optionalContract(ObjectNode body, String field) {
    return optionalString(body, field, MAX_CONTRACT);
  }

  /** An optional string field: absent, null or blank gives empty; any other type is refused. */
  public static Optional<String> optionalString(ObjectNode body, String field, int maxLength) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new BadRequest("Поле " + field + " должно быть строкой, получено: " + Json.kind(n));
    }
    String v = n.textValue().strip();
    if (v.length() > maxLength) {
      throw new BadRequest("Поле " + field + " длиннее " + maxLength + " символов");
    }
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** An optional boolean field: only JSON {@code true}/{@code false} (not "true", not 1). */
  public static boolean optionalBoolean(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new BadRequest(
          "Поле " + field + " должно быть true или false, получено: " + Json.kind(n));
    }
    return n.booleanValue();
  }

  /** The {@code X-Aida-Actor} header: printable ASCII, at most 200 characters. */
  public static Optional<Actor> actorHeader(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Actor(value));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("Заголовок X-Aida-Actor должен содержать 1-200 печатных ASCII-символов");
    }
  }

  /** A valid incoming {@code X-Request-Id}, else empty (the caller then makes one). */
  public static Optional<RequestId> requestIdHeader(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RequestId(value.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static CustomerId positive(String digits) {
    int zeros = 0;
    while (zeros < digits.length() && digits.charAt(zeros) == '0') {
      zeros++;
    }
    String trimmed = digits.substring(zeros);
    if (trimmed.isEmpty()) {
      throw new BadRequest("id клиента должен быть больше нуля");
    }
    if (trimmed.length() > 18) {
      throw new BadRequest("id клиента слишком велик: " + shown(digits));
    }
    return CustomerId.of(Long.parseLong(trimmed));
  }

  private static String shown(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    StringBuilder b = new StringBuilder("'");
    cut.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7F ? '?' : c));
    return b.append('\'').toString();
  }
}
