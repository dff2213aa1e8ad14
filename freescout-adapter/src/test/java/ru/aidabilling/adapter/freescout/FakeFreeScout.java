package ru.aidabilling.adapter.freescout;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.testing.StubServer;
import ru.aidabilling.core.testing.StubServer.Reply;

/**
 * A loopback FreeScout "API &amp; Webhooks" module that behaves as the real one was seen to
 * (freescout-facts.md): key check with 401, camelCase answers with {@code _embedded} and PHP's
 * {@code \/} and \\uXXXX escapes, a partial PUT where keys are snake-cased and {@code null} or
 * {@code ""} clear, 500 without saving for an {@code address} that is not an object carrying a
 * non-blank {@code address} (a top-level {@code "address": null} or {@code ""} clears it), zip cut
 * to 12 characters, 204 answers, and paged listing with {@code totalPages}.
 */
final class FakeFreeScout implements AutoCloseable {
  static final String KEY = "fs-test-key-5f4dcc3b";
  private static final Pattern ONE = Pattern.compile("/api/customers/([0-9]+)");
  private static final ObjectMapper READ = new ObjectMapper();
  private static final ObjectMapper PHP = phpStyle();

  /** One stored customer, as FreeScout's database holds it. */
  static final class Row {
    final long id;
    String firstName;
    String lastName;
    String company;
    String zip;
    String city;
    String state;
    String address;
    List<String> phones = new ArrayList<>();
    List<String> websites = new ArrayList<>();
    Instant createdAt;
    Instant updatedAt;

    Row(long id) {
      this.id = id;
    }
  }

  private final Map<Long, Row> rows = new TreeMap<>();
  private final StubServer server;

  FakeFreeScout() {
    server = new StubServer(this::answer);
  }

  StubServer server() {
    return server;
  }

  URI baseUrl() {
    return server.uri("");
  }

  synchronized FakeFreeScout put(CustomerProfile p) {
    Row r = new Row(p.id().value());
    r.firstName = p.firstName();
    r.lastName = p.lastName();
    r.company = p.company();
    r.zip = p.zip();
    r.city = p.city();
    r.address = p.address();
    r.phones = new ArrayList<>(p.phones());
    r.websites = new ArrayList<>(p.websites());
    r.createdAt = p.createdAt() == null ? Instant.parse("2026-01-01T00:00:00Z") : p.createdAt();
    r.updatedAt = r.createdAt;
    rows.put(r.id, r);
    return this;
  }

  synchronized Optional<CustomerProfile> stored(CustomerId id) {
    Row r = rows.get(id.value());
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CustomerProfile(
            id,
            r.firstName,
            r.lastName,
            r.company,
            r.zip,
            r.city,
            r.address,
            r.phones,
            r.websites,
            r.createdAt));
  }

  synchronized Row row(long id) {
    return rows.get(id);
  }

  List<StubServer.Seen> puts() {
    return server.requests().stream().filter(r -> r.method().equals("PUT")).toList();
  }

  private synchronized Reply answer(StubServer.Seen req) throws IOException {
    if (!KEY.equals(req.header("X-FreeScout-API-Key"))) {
      return Reply.json(401, "{\"message\":\"Not Authorized\"}");
    }
    Matcher one = ONE.matcher(req.path());
    if (one.matches()) {
      Row r = rows.get(Long.parseLong(one.group(1)));
      if (r == null) {
        return Reply.json(404, "{\"message\":\"Not Found\",\"_embedded\":{\"errors\":[]}}");
      }
      if (req.method().equals("GET")) {
        return Reply.json(200, PHP.writeValueAsString(json(r)));
      }
      if (req.method().equals("PUT")) {
        return update(r, READ.readTree(req.body()));
      }
      return Reply.json(405, "{\"message\":\"Method Not Allowed\"}");
    }
    if (req.path().equals("/api/customers") && req.method().equals("GET")) {
      return list(req.query());
    }
    return Reply.html(404, "<html><body>Page not found</body></html>");
  }

  /** The module's update: all or nothing, keys snake-cased, null or "" clears. */
  private Reply update(Row r, JsonNode body) {
    if (body == null || !body.isObject()) {
      return Reply.json(400, "{\"message\":\"Error occurred\",\"_embedded\":{\"errors\":[]}}");
    }
    JsonNode address = body.get("address");
    boolean cleared =
        address != null && (address.isNull() || address.isTextual() && address.asText().isEmpty());
    if (address != null && !cleared && (!address.isObject() || blank(address.get("address")))) {
      // the real module merges a non-empty "address" into the body and keeps its "address" key
      // only when that is non-empty: an object without one (or with null or "") and a plain string
      // end in a PHP type error, 500, nothing saved; null or "" is skipped and clears the field
      return Reply.json(500, "{\"message\":\"Server Error\"}");
    }
    Row next = copy(r);
    for (var f : body.properties()) {
      apply(next, snake(f.getKey()), f.getValue());
    }
    if (address != null) {
      for (var f : address.properties()) {
        apply(next, snake(f.getKey()), f.getValue());
      }
    }
    next.updatedAt = Instant.now();
    rows.put(r.id, next);
    return new Reply(204, new byte[0], null, false);
  }

  private static boolean blank(JsonNode v) {
    return v == null || v.isNull() || v.asText().isBlank();
  }

  private static void apply(Row r, String key, JsonNode v) {
    String s = v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    switch (key) {
      case "first_name" -> r.firstName = s;
      case "last_name" -> r.lastName = s;
      case "company" -> r.company = s;
      case "zip" -> r.zip = s == null ? null : s.substring(0, Math.min(12, s.length()));
      case "city" -> r.city = s;
      case "state" -> r.state = s;
      case "phones" -> r.phones = new ArrayList<>();
      case "websites" -> r.websites = new ArrayList<>();
      default -> {
        // the street line ("address" inside the object) and keys FreeScout ignores
        if (key.equals("address") && !(v != null && v.isObject())) {
          r.address = s;
        }
      }
    }
  }

  private Reply list(Map<String, String> q) throws IOException {
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    int size = Integer.parseInt(q.getOrDefault("pageSize", "50"));
    Instant since = q.containsKey("updatedSince") ? Instant.parse(q.get("updatedSince")) : null;
    Comparator<Row> order =
        Comparator.comparing((Row r) -> r.createdAt).thenComparingLong(r -> r.id);
    if (!"createdAt".equals(q.get("sortField")) || !"asc".equals(q.get("sortOrder"))) {
      order = order.reversed();
    }
    List<Row> all =
        rows.values().stream()
            .filter(r -> since == null || !r.updatedAt.isBefore(since))
            .sorted(order)
            .toList();
    int totalPages = Math.max(1, (all.size() + size - 1) / size);
    int from = Math.min(all.size(), (page - 1) * size);
    int to = Math.min(all.size(), from + size);
    ObjectNode root = PHP.createObjectNode();
    ArrayNode customers = root.putObject("_embedded").putArray("customers");
    all.subList(from, to).forEach(r -> customers.add(json(r)));
    ObjectNode p = root.putObject("page");
    p.put("size", size);
    p.put("totalElements", all.size());
    p.put("totalPages", totalPages);
    p.put("number", page);
    return Reply.json(200, PHP.writeValueAsString(root));
  }

  private static ObjectNode json(Row r) {
    ObjectNode o = PHP.createObjectNode();
    o.put("id", r.id);
    o.put("firstName", r.firstName);
    o.put("lastName", r.lastName);
    o.putNull("jobTitle");
    o.put("company", r.company);
    o.put("photoType", "unknown");
    o.put("photoUrl", "");
    o.put("createdAt", r.createdAt.toString());
    o.put("updatedAt", r.updatedAt.toString());
    o.putNull("notes");
    ObjectNode e = o.putObject("_embedded");
    e.putArray("emails");
    ArrayNode phones = e.putArray("phones");
    r.phones.forEach(v -> phones.addObject().put("id", 0).put("value", v).put("type", "work"));
    e.putArray("social_profiles");
    ArrayNode websites = e.putArray("websites");
    r.websites.forEach(v -> websites.addObject().put("id", 0).put("value", v));
    ObjectNode a = e.putObject("address");
    a.put("city", r.city);
    a.put("state", r.state);
    a.put("zip", r.zip);
    a.putNull("country");
    a.put("address", r.address);
    return o;
  }

  private static Row copy(Row r) {
    Row c = new Row(r.id);
    c.firstName = r.firstName;
    c.lastName = r.lastName;
    c.company = r.company;
    c.zip = r.zip;
    c.city = r.city;
    c.state = r.state;
    c.address = r.address;
    c.phones = new ArrayList<>(r.phones);
    c.websites = new ArrayList<>(r.websites);
    c.createdAt = r.createdAt;
    c.updatedAt = r.updatedAt;
    return c;
  }

  /** Laravel's {@code Str::snake}: {@code firstName} → {@code first_name}. */
  static String snake(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Writes JSON as PHP's {@code json_encode} does: non-ASCII escaped as \\uXXXX, {@code /} as
   * {@code \/}.
   */
  private static ObjectMapper phpStyle() {
    ObjectMapper m = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    m.getFactory()
        .setCharacterEscapes(
            new CharacterEscapes() {
              private static final long serialVersionUID = 1L;
              private final int[] table = standardAsciiEscapesForJSON();

              {
                table['/'] = ESCAPE_CUSTOM;
              }

              @Override
              public int[] getEscapeCodesForAscii() {
                return table;
              }

              @Override
              public SerializableString getEscapeSequence(int ch) {
                return ch == '/' ? new SerializedString("\\/") : null;
              }
            });
    return m;
  }

  @Override
  public void close() {
    server.close();
  }
}
