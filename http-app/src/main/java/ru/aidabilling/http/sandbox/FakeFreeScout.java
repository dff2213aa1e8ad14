package ru.aidabilling.http.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for FreeScout's REST API (the "API &amp; Webhooks" module), faithful to the
 * behaviour recorded in {@code freescout-facts.md}: API-key check, camelCase customer bodies with
 * PHP escapes, partial PUT answering 204 where {@code null}/blank clears a field and the zip is cut
 * to 12 characters, the 500 for an {@code address} object without an {@code address} key, and the
 * paged listing. It lets the real FreeScout adapter run in the sandbox. Thread-safe.
 */
final class FakeFreeScout implements AutoCloseable {
  private static final Pattern ONE = Pattern.compile("/api/customers/([0-9]{1,18})");
  private static final String JSON_TYPE = "application/json";
  private static final Set<String> SORT_FIELDS =
      Set.of("createdAt", "updatedAt", "firstName", "lastName");

  private final HttpServer server;
  private final byte[] apiKey;
  private final Map<Long, FakeCustomer> customers = new ConcurrentHashMap<>();
  private final Set<Long> failingWrites;
  private final Clock clock;

  private FakeFreeScout(
      HttpServer server,
      String apiKey,
      List<FakeCustomer> seed,
      Set<Long> failingWrites,
      Clock clock) {
    this.server = server;
    this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
    this.failingWrites = Set.copyOf(failingWrites);
    this.clock = clock;
    seed.forEach(c -> customers.put(c.id(), c));
  }

  /** Starts on 127.0.0.1 and an ephemeral port; PUTs for {@code failingWrites} answer 500. */
  static FakeFreeScout start(
      String apiKey, List<FakeCustomer> seed, Set<Long> failingWrites, Clock clock)
      throws IOException {
    HttpServer server = FakeHttp.loopbackServer("fake-freescout");
    FakeFreeScout fake = new FakeFreeScout(server, apiKey, seed, failingWrites, clock);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  Optional<FakeCustomer> customer(long id) {
    return Optional.ofNullable(customers.get(id));
  }

  @Override
  public void close() {
    FakeHttp.stop(server);
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      route(ex);
    } catch (RuntimeException e) {
      answer(ex, 500, Map.of("message", "Server Error"));
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (!path.startsWith("/api/")) {
      notFound(ex);
      return;
    }
    if (!authorised(ex)) {
      answer(ex, 401, Map.of("message", "Not Authorized"));
      return;
    }
    if (path.equals("/api/customers") || path.equals("/api/customers/")) {
      if (method.equals("GET")) {
        list(ex);
      } else {
        answer(ex, 405, Map.of("message", "Method Not Allowed"));
      }
      return;
    }
    Matcher m = ONE.matcher(path);
    if (!m.matches()) {
      notFound(ex);
      return;
    }
    long id = Long.parseLong(m.group(1));
    switch (method) {
      case "GET" -> {
        FakeCustomer c = customers.get(id);
        if (c == null) {
          notFound(ex);
        } else {
          answer(ex, 200, c.toApi());
        }
      }
      case "PUT" -> update(ex, id);
      default -> answer(ex, 405, Map.of("message", "Method Not Allowed"));
    }
  }

  private boolean authorised(HttpExchange ex) {
    String given = ex.getRequestHeaders().getFirst("X-FreeScout-API-Key");
    if (given == null) {
      given = FakeHttp.query(ex).get("api_key");
    }
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), apiKey);
  }

  private void update(HttpExchange ex, long id) throws IOException {
    byte[] raw = FakeHttp.body(ex);
    if (!customers.containsKey(id)) {
      notFound(ex);
      return;
    }
    JsonNode body = parse(raw);
    if (body == null || !body.isObject()) {
      answer(ex, 400, error("body", "The request body must be a JSON object."));
      return;
    }
    JsonNode address = body.get("address");
    boolean cleared =
        address != null && (address.isNull() || address.isTextual() && address.asText().isEmpty());
    if (address != null && !cleared && !(address.isObject() && !blank(address.get("address")))) {
      // The real module dies on an address object without a non-empty "address" key (null, ""
      // and blanks included) and on a string; a top-level null or "" clears the street line.
      answer(ex, 500, Map.of("message", "Server Error"));
      return;
    }
    if (failingWrites.contains(id)) {
      answer(ex, 500, Map.of("message", "Server Error"));
      return;
    }
    Map<String, Optional<String>> changes;
    try {
      changes = fieldsOf(body);
    } catch (IllegalArgumentException e) {
      answer(ex, 500, Map.of("message", "Server Error"));
      return;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    FakeCustomer updated = customers.computeIfPresent(id, (k, c) -> apply(c, changes, body, now));
    if (updated == null) {
      notFound(ex);
      return;
    }
    FakeHttp.send(ex, 204, null, null);
  }

  private static JsonNode parse(byte[] raw) {
    try {
      return raw == null ? null : FakeHttp.JSON.readTree(raw);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The scalar fields a PUT sets, under FreeScout's snake_case names (it runs every key through
   * {@code Str::snake}); an empty Optional clears the field (null, "" and blanks all clear).
   */
  private static Map<String, Optional<String>> fieldsOf(JsonNode body) {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    body.fields()
        .forEachRemaining(
            e -> {
              String key = snake(e.getKey());
              if (key.equals("address")) {
                JsonNode a = e.getValue();
                if (!a.isObject()) {
                  out.put("address", Optional.empty()); // null or "": the guard let only these by
                } else {
                  a.fields()
                      .forEachRemaining(n -> out.put(snake(n.getKey()), scalar(n.getValue())));
                }
              } else if (!key.equals("phones")
                  && !key.equals("emails")
                  && !key.equals("websites")) {
                out.put(key, scalar(e.getValue()));
              }
            });
    return out;
  }

  /** Laravel's {@code Str::snake}: {@code firstName} and {@code first_name} name one column. */
  static String snake(String key) {
    StringBuilder out = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char ch = key.charAt(i);
      if (Character.isUpperCase(ch)) {
        if (i > 0 && key.charAt(i - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(ch));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static boolean blank(JsonNode v) {
    return v == null || v.isNull() || v.isValueNode() && v.asText().isBlank();
  }

  private static Optional<String> scalar(JsonNode v) {
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isContainerNode()) {
      throw new IllegalArgumentException("array to string conversion");
    }
    String s = v.asText().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static FakeCustomer apply(
      FakeCustomer c, Map<String, Optional<String>> f, JsonNode body, Instant now) {
    FakeCustomer n =
        new FakeCustomer(
            c.id(),
            pick(f, "first_name", c.firstName(), 255),
            pick(f, "last_name", c.lastName(), 255),
            pick(f, "job_title", c.jobTitle(), 255),
            pick(f, "company", c.company(), 65_535),
            pick(f, "notes", c.notes(), 65_535),
            pick(f, "zip", c.zip(), 12),
            pick(f, "city", c.city(), 255),
            pick(f, "state", c.state(), 255),
            pick(f, "country", c.country(), 2),
            pick(f, "address", c.address(), 255),
            body.has("phones") ? phones(body.get("phones")) : c.phones(),
            body.has("emails") ? strings(body.get("emails")) : c.emails(),
            body.has("websites") ? strings(body.get("websites")) : c.websites(),
            c.createdAt(),
            c.updatedAt());
    if (n.equals(c)) {
      return c;
    }
    return new FakeCustomer(
        n.id(),
        n.firstName(),
        n.lastName(),
        n.jobTitle(),
        n.company(),
        n.notes(),
        n.zip(),
        n.city(),
        n.state(),
        n.country(),
        n.address(),
        n.phones(),
        n.emails(),
        n.websites(),
        n.createdAt(),
        now);
  }

  /** The new value of a column: as sent (cut to the column size, as MariaDB does) or unchanged. */
  private static String pick(Map<String, Optional<String>> f, String key, String old, int max) {
    if (!f.containsKey(key)) {
      return old;
    }
    String v = f.get(key).orElse(null);
    return v != null && v.length() > max ? v.substring(0, max) : v;
  }

  private static List<FakeCustomer.PhoneEntry> phones(JsonNode list) {
    List<FakeCustomer.PhoneEntry> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (JsonNode p : list) {
        String value = p.isObject() ? p.path("value").asText("") : p.asText("");
        String type = p.isObject() ? p.path("type").asText("work") : "work";
        if (!value.isBlank()) {
          out.add(new FakeCustomer.PhoneEntry(value.strip(), type));
        }
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (JsonNode v : list) {
        String value = v.isObject() ? v.path("value").asText("") : v.asText("");
        if (!value.isBlank()) {
          out.add(value.strip());
        }
      }
    }
    return out;
  }

  private void list(HttpExchange ex) throws IOException {
    Map<String, String> q = FakeHttp.query(ex);
    int page = positive(q.get("page"), 1);
    int pageSize = positive(q.get("pageSize"), 50);
    String sortField = q.getOrDefault("sortField", "createdAt");
    if (!SORT_FIELDS.contains(sortField)) {
      sortField = "createdAt";
    }
    boolean asc = "asc".equalsIgnoreCase(q.get("sortOrder"));
    Instant since = null;
    if (q.get("updatedSince") != null && !q.get("updatedSince").isBlank()) {
      since = parseTime(q.get("updatedSince"));
      if (since == null) {
        answer(ex, 400, error("updatedSince", "The updated since is not a valid date."));
        return;
      }
    }
    final Instant from = since;
    List<FakeCustomer> all = new ArrayList<>(customers.values());
    all.removeIf(c -> from != null && c.updatedAt().isBefore(from));
    all.removeIf(c -> !contains(c.firstName(), q.get("firstName")));
    all.removeIf(c -> !contains(c.lastName(), q.get("lastName")));
    all.removeIf(c -> !containsAny(c.emails(), Function.identity(), q.get("email")));
    all.removeIf(c -> !phoneMatches(c, q.get("phone")));
    Comparator<FakeCustomer> order =
        Comparator.comparing(sortKey(sortField), Comparator.nullsFirst(Comparator.naturalOrder()));
    order = order.thenComparingLong(FakeCustomer::id);
    all.sort(asc ? order : order.reversed());
    int totalPages = Math.max(1, (all.size() + pageSize - 1) / pageSize);
    long start = (long) (page - 1) * pageSize;
    List<Map<String, Object>> items = new ArrayList<>();
    for (long i = start; i < Math.min(all.size(), start + pageSize); i++) {
      items.add(all.get((int) i).toApi());
    }
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("size", pageSize);
    pageInfo.put("totalElements", all.size());
    pageInfo.put("totalPages", totalPages);
    pageInfo.put("number", page);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_embedded", Map.of("customers", items));
    out.put("page", pageInfo);
    answer(ex, 200, out);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Function<FakeCustomer, Comparable> sortKey(String field) {
    return switch (field) {
      case "updatedAt" -> FakeCustomer::updatedAt;
      case "firstName" -> c -> lower(c.firstName());
      case "lastName" -> c -> lower(c.lastName());
      default -> FakeCustomer::createdAt;
    };
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static boolean contains(String value, String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    return value != null && lower(value).contains(lower(filter.strip()));
  }

  private static <T> boolean containsAny(List<T> values, Function<T, String> text, String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    return values.stream().anyMatch(v -> contains(text.apply(v), filter));
  }

  private static boolean phoneMatches(FakeCustomer c, String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String digits = filter.replaceAll("[^0-9]", "");
    return c.phones().stream().anyMatch(p -> p.value().replaceAll("[^0-9]", "").contains(digits));
  }

  private static int positive(String s, int fallback) {
    try {
      int v = Integer.parseInt(s);
      return v >= 1 ? Math.min(v, 1_000_000) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** ISO 8601 as FreeScout's Carbon reads it: an instant, an offset date-time or a date. */
  static Instant parseTime(String s) {
    String t = s.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Map<String, Object> error(String path, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("path", path);
    err.put("message", message);
    err.put("source", "request");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message", "Error occurred");
    out.put("_embedded", Map.of("errors", List.of(err)));
    return out;
  }

  private static void notFound(HttpExchange ex) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message", "Not Found");
    out.put("_embedded", Map.of("errors", List.of()));
    answer(ex, 404, out);
  }

  private static void answer(HttpExchange ex, int status, Object body) throws IOException {
    FakeHttp.send(ex, status, JSON_TYPE, FakeHttp.PHP_JSON.writeValueAsBytes(body));
  }
}
