package ru.aidabilling.adapter.freescout;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.outbound.AgentText;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/**
 * FreeScout's JSON, translated both ways. Reads the customer object of the "API &amp; Webhooks"
 * module (camelCase, phones and websites under {@code _embedded}, address fields under {@code
 * _embedded.address}); writes a patch as the partial PUT body the real API accepts: only the
 * patch's fields, {@code zip}/{@code city} top-level, the street line as {@code "address":
 * {"address": …}} (a cleared one as a top-level {@code "address": null}), {@code null} only for an
 * explicit clear.
 */
final class CustomerJson {
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a repeated key is not an answer
          .build();

  private CustomerJson() {}

  /** The body is not what FreeScout sends for this call. */
  static final class UnexpectedException extends Exception {
    private static final long serialVersionUID = 1L;

    UnexpectedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Parses a body that must be a JSON object. */
  static JsonNode object(byte[] body) throws UnexpectedException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new UnexpectedException("FreeScout прислал не JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new UnexpectedException("FreeScout прислал JSON неизвестного вида", null);
    }
    return root;
  }

  /** A customer object; {@code asked} stands in when the body carries no usable id. */
  static CustomerProfile toDomain(JsonNode c, CustomerId asked) {
    JsonNode embedded = c.path("_embedded");
    JsonNode address = embedded.path("address");
    JsonNode id = c.path("id");
    return new CustomerProfile(
        id.canConvertToLong() && id.asLong() > 0 ? CustomerId.of(id.asLong()) : asked,
        text(c, "firstName", "first_name"),
        text(c, "lastName", "last_name"),
        text(c, "company", "company"),
        text(address, "zip", "zip"),
        text(address, "city", "city"),
        text(address, "address", "address"),
        values(embedded.path("phones")),
        values(embedded.path("websites")),
        instant(c.path("createdAt")));
  }

  /** A page of {@code GET /api/customers}, trusting {@code page.totalPages}. */
  static CustomerPage pageToDomain(JsonNode root, PageQuery query) throws UnexpectedException {
    JsonNode total = root.path("page").path("totalPages");
    if (!total.canConvertToInt()) {
      throw new UnexpectedException("FreeScout прислал список клиентов без page.totalPages", null);
    }
    JsonNode list = root.path("_embedded").path("customers");
    List<CustomerProfile> customers = new ArrayList<>();
    for (JsonNode c : list) {
      JsonNode id = c.path("id");
      if (c.isObject() && id.canConvertToLong() && id.asLong() > 0) {
        customers.add(toDomain(c, CustomerId.of(id.asLong())));
      }
    }
    JsonNode elements = root.path("page").path("totalElements");
    return new CustomerPage(
        customers,
        query.page(),
        Math.max(0, total.asInt()),
        elements.canConvertToLong() ? Math.max(0, elements.asLong()) : -1);
  }

  /**
   * The PUT body for a patch, keys in {@link ProfileField} order. Values longer than FreeScout's
   * column are cut as the database would cut them, so a strict database cannot refuse them.
   */
  static byte[] fromDomain(ProfilePatch patch) {
    ObjectNode body = JSON.createObjectNode();
    for (ProfileField f : ProfileField.values()) {
      if (!patch.touches(f)) {
        continue;
      }
      String value = patch.valueOf(f).map(f::cut).orElse(null);
      if (f == ProfileField.ADDRESS && value != null) {
        body.putObject("address").put("address", value);
      } else {
        // a cleared street line goes top-level: the real API answers {"address": {"address":
        // null}} with 500 and saves nothing, while "address": null skips its merge and clears
        body.put(f.apiName(), value);
      }
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree of strings always serialises", e);
    }
  }

  /**
   * FreeScout's own words from an error body ({@code message} and {@code
   * _embedded.errors[].message}), on one line and cut to a readable length; empty when the body
   * says nothing usable (not JSON, an HTML page).
   */
  static Optional<String> errorMessage(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    String message = text(root, "message", "message");
    if (message != null) {
      parts.add(message);
    }
    for (JsonNode e : root.path("_embedded").path("errors")) {
      String m = text(e, "message", "message");
      String path = text(e, "path", "path");
      if (m != null) {
        parts.add(path == null ? m : path + ": " + m);
      }
    }
    return parts.isEmpty()
        ? Optional.empty()
        : Optional.of(AgentText.cut(String.join("; ", parts), 300));
  }

  private static String text(JsonNode o, String name, String altName) {
    JsonNode v = o.has(name) ? o.get(name) : o.get(altName);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array) {
      String v = item.isObject() ? text(item, "value", "value") : text(item);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static String text(JsonNode v) {
    if (v == null || !v.isValueNode() || v.isNull()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  /**
   * {@code 2026-11-27T05:46:00Z}, the form FreeScout writes every time in, read without a {@code
   * DateTimeFormatter} (parsing with one took 4 % of a sync's CPU time under load); null for any
   * other form or an impossible date, which the general parse then reads or refuses.
   */
  static Instant plainUtc(String s) {
    if (s.length() != 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
  }

  /** The decimal number in s[from, to), or -1 when a character there is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static Instant instant(JsonNode v) {
    String s = text(v);
    if (s == null) {
      return null;
    }
    Instant plain = plainUtc(s);
    if (plain != null) {
      return plain;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s.replace(' ', 'T') + (s.endsWith("Z") ? "" : "Z"));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
