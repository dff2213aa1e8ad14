package ru.aidabilling.http.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.http.HttpAnswer;

/** The sandbox routes over a real Undertow socket, with a stand-in sync. */
class SandboxRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MODULE_PUBLIC = Path.of("../freescout-module/AidaBilling/Public");

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<HttpAnswer> next = new AtomicReference<>();
  private final List<String> calls = new ArrayList<>();
  private final AtomicReference<byte[]> lastBody = new AtomicReference<>();
  private final AtomicReference<String> lastThread = new AtomicReference<>();
  private SandboxUpstreams up;
  private SandboxRoutes routes;
  private Undertow server;
  private String base;

  @BeforeEach
  void start() {
    up = SandboxUpstreams.start();
    SandboxSync sync =
        (id, body, rid) -> {
          synchronized (calls) {
            calls.add(id);
          }
          lastBody.set(body);
          lastThread.set(Thread.currentThread().getName());
          HttpAnswer a = next.get();
          if (a == null) {
            throw new IllegalStateException("secret internals");
          }
          return a;
        };
    routes = new SandboxRoutes(sync, up, Duration.ofMillis(12_000));
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(routes).build();
    server.start();
    InetSocketAddress addr = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    base = "http://127.0.0.1:" + addr.getPort();
  }

  @AfterEach
  void stop() {
    server.stop();
    up.close();
  }

  // ---- the page ----

  @Test
  void pageCarriesTheModulesBlockTokenScriptAndCsp() throws Exception {
    HttpResponse<String> r = get("/?customer=31");
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(
        csp.startsWith(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:"),
        csp);
    String page = r.body();
    assertTrue(page.contains("<meta name=\"csrf-token\" content=\"" + routes.csrfToken() + "\">"));
    assertTrue(page.contains("<script src=\"/sandbox/assets/module.js\"></script>"));
    assertTrue(page.contains("<link rel=\"stylesheet\" href=\"/sandbox/assets/module.css\">"));
    assertTrue(page.contains("id=\"aida-request-balance-btn\""));
    assertTrue(page.contains("data-url=\"/sandbox/customers/31/sync\""));
    assertTrue(page.contains("id=\"aida-balance-result\""));
    // as profile_block.blade.php: the live region is never hidden, or its answer is not announced
    assertTrue(
        page.contains(
            "<div id=\"aida-balance-result\" class=\"aida-balance-result\" aria-live=\"polite\"></div>"));
    assertTrue(page.contains("Запросить баланс"));
    assertTrue(
        page.contains(
            "<a href=\"https://example.amocrm.ru/contacts/detail/1\" target=\"_blank\""
                + " rel=\"noopener noreferrer\">Профиль в AMOCRM</a>"));
    assertTrue(page.contains("class=\"aida-amocrm-link\""));
    assertTrue(page.contains("Ivan Petrov"));
  }

  @Test
  void theBlockCarriesTheSyncRoutesTimeOutAsTheModulesBlockCarriesItsOwn() throws Exception {
    // as profile_block.blade.php: data-timeout between data-reload and data-profile
    assertTrue(
        get("/?customer=31")
            .body()
            .contains(
                "data-customer-id=\"31\" data-reload=\"1\" data-timeout=\"12\" data-profile=\""));
  }

  @ParameterizedTest
  @CsvSource({"50, 1", "999, 1", "1000, 1", "1001, 2", "12000, 12", "20500, 21", "600000, 600"})
  void theTimeOutIsTheDeadlineInWholeSecondsRoundedUp(long millis, int seconds) {
    assertEquals(seconds, SandboxRoutes.timeoutSeconds(Duration.ofMillis(millis)));
  }

  @Test
  void pageWithoutACustomerShowsTheFirstOne() throws Exception {
    HttpResponse<String> r = get("/");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("data-url=\"/sandbox/customers/31/sync\""));
  }

  @Test
  void pageListsEverySandboxCustomer() throws Exception {
    String page = get("/?customer=33").body();
    for (SandboxCase c : up.cases()) {
      assertTrue(page.contains("<a href=\"/?customer=" + c.id() + "\""), "link to " + c.id());
    }
    assertTrue(page.contains("<li class=\"active\"><a href=\"/?customer=33\""));
  }

  @Test
  void pageEscapesEveryValue() throws Exception {
    String page = get("/?customer=40").body();
    assertFalse(page.contains("<b>XSS</b>"), "FreeScout's last name must be escaped");
    assertTrue(page.contains("Проверка &lt;b&gt;XSS&lt;/b&gt;"));
    assertFalse(page.contains("<img"), "the scenario text must be escaped");
    assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
  }

  @Test
  void pageShowsTheFakeFreeScoutsCurrentState() throws Exception {
    assertTrue(get("/?customer=31").body().contains("data-field=\"zip\" class=\"text-muted\">"));
    HttpRequest put =
        putCustomer31(
            "{\"firstName\":\"Тарас\",\"lastName\":\"Новичков\",\"company\":\"0138\","
                + "\"zip\":\"Соляной\"}");
    assertEquals(204, http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode());
    String page = get("/?customer=31").body();
    assertTrue(
        page.contains("<a class=\"customer-name\" href=\"/?customer=31\">Тарас Новичков</a>"));
    assertTrue(page.contains("<div class=\"customer-company\">0138</div>"));
    assertTrue(page.contains("<td data-field=\"zip\">Соляной</td>"));
    assertEquals(
        "{\"firstName\":\"Тарас\",\"lastName\":\"Новичков\",\"company\":\"0138\","
            + "\"zip\":\"Соляной\",\"city\":\"\",\"state\":\"\",\"address\":\"\"}",
        dataProfile(page),
        "data-profile shows the fake FreeScout's values as the page renders them");
  }

  @Test
  void pageCarriesTheProfileAsTheModulesBlockDoes() throws Exception {
    assertEquals(
        "{\"firstName\":\"Ivan\",\"lastName\":\"Petrov\",\"company\":\"\",\"zip\":\"\","
            + "\"city\":\"\",\"state\":\"\",\"address\":\"\"}",
        dataProfile(get("/?customer=31").body()));
    String html = get("/?customer=40").body();
    assertFalse(html.contains("data-profile=\"{\"fi"), "quotes in the attribute are escaped");
    assertEquals("<b>XSS</b>", JSON.readTree(dataProfile(html)).get("lastName").asText());
  }

  /** The block's data-profile attribute, unescaped as the browser reads it. */
  private static String dataProfile(String page) {
    Matcher m = Pattern.compile("data-profile=\"([^\"]*)\"").matcher(page);
    assertTrue(m.find(), "no data-profile on the page");
    String value = m.group(1);
    assertFalse(m.find(), "one block, one data-profile");
    return value
        .replace("&quot;", "\"")
        .replace("&#039;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  @Test
  void amoCrmLinkFollowsTheModulesRule() throws Exception {
    String debt = get("/?customer=32").body();
    assertTrue(debt.contains("href=\"https://olga.amocrm.com/contacts/detail/2\""), "upgraded");
    String notInBilling = get("/?customer=35").body();
    assertFalse(notInBilling.contains("aida-amocrm-link"));
    assertFalse(notInBilling.contains("href=\"javascript:"));
    assertTrue(notInBilling.contains("javascript:alert(1)"), "shown as plain text");
  }

  @Test
  void pageMakesNoExternalRequests() throws Exception {
    for (SandboxCase c : up.cases()) {
      String page = get("/?customer=" + c.id()).body();
      Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
      while (m.find()) {
        String url = m.group(1);
        boolean outboundLink =
            page.substring(Math.max(0, m.start() - 3), m.start()).endsWith("<a ");
        assertTrue(
            url.startsWith("/") || url.equals("data:,") || outboundLink,
            "only links may leave the page: " + url);
        assertFalse(url.startsWith("//"), url);
      }
      assertFalse(page.contains("@import"));
      assertFalse(page.contains("url("));
    }
  }

  @Test
  void unknownOrBadCustomerIsA404PageWithTheList() throws Exception {
    HttpResponse<String> unknown = get("/?customer=999");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("Клиент не найден"));
    assertTrue(unknown.body().contains("href=\"/?customer=31\""));
    assertFalse(unknown.body().contains("aida-request-balance-btn"));
    assertEquals(404, get("/?customer=%3Cscript%3E").statusCode());
  }

  // ---- assets ----

  @Test
  void moduleAssetsAreTheModulesFilesWithTheirTypes() throws Exception {
    assertAsset(
        "/sandbox/assets/module.js", MODULE_PUBLIC.resolve("js/module.js"), "text/javascript");
    assertAsset("/sandbox/assets/module.css", MODULE_PUBLIC.resolve("css/module.css"), "text/css");
  }

  private void assertAsset(String path, Path source, String type) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (Files.exists(source)) {
      assertEquals(200, r.statusCode());
      assertEquals(type + "; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertArrayEquals(Files.readAllBytes(source), r.body(), "the build copies " + source);
    } else {
      // The module's file has not been written yet: the route says so instead of inventing one.
      assertEquals(404, r.statusCode());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/sandbox/assets/../../pom.xml",
        "/sandbox/assets/%2e%2e/SandboxRoutes.class",
        "/sandbox/assets/..%2fSandboxRoutes.class",
        "/sandbox/assets/%2e%2e%2f%2e%2e%2fHtml.class",
        "/sandbox/assets/",
        "/sandbox/assets/module.js/",
        "/sandbox/assets/Module.js",
        "/sandbox/assets/module.js%00.css",
        "/sandbox/assets/module.js;.css",
        "/sandbox/assets/module%2ejs",
        "/sandbox/assets/module.js;jsessionid=1",
        "/sandbox/assets//module.js",
        "/ru/aidabilling/http/sandbox/assets/module.js",
        "/sandbox/assets/SandboxRoutes.class",
        "/sandbox/SandboxRoutes.class",
        "/favicon.ico",
        "/index.html"
      })
  void nothingElseIsServed(String path) throws Exception {
    String status = rawGet(path);
    assertTrue(status.startsWith("HTTP/1.1 404") || status.startsWith("HTTP/1.1 400"), status);
  }

  @Test
  void assetsAndPageAreGetAndHeadOnly() throws Exception {
    HttpResponse<String> r = post("/sandbox/assets/module.js", "x", routes.csrfToken());
    assertEquals(405, r.statusCode());
    assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
    assertTrue(r.headers().firstValue("X-Request-Id").isPresent(), "a problem carries its id");
    assertTrue(JSON.readTree(r.body()).has("account"), "spec 11's problem shape: " + r.body());
    assertEquals(405, post("/", "x", routes.csrfToken()).statusCode());
  }

  // ---- the sync route ----

  @Test
  void syncPassesStatusTypeAndBodyThroughUnchanged() throws Exception {
    byte[] problem =
        "{\"type\":\"tag:aida-billing,2026:problem:ambiguous\",\"status\":409,\"code\":\"AMBIGUOUS\"}"
            .getBytes(StandardCharsets.UTF_8);
    next.set(new HttpAnswer(409, HttpAnswer.PROBLEM, problem));
    HttpResponse<byte[]> r =
        http.send(
            syncRequest(
                "/sandbox/customers/33/sync", "{\"contract\":\"0512\"}", routes.csrfToken()),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(409, r.statusCode());
    assertEquals(HttpAnswer.PROBLEM, r.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(problem, r.body());
    assertEquals(List.of("33"), calls);
    assertEquals("{\"contract\":\"0512\"}", new String(lastBody.get(), StandardCharsets.UTF_8));
    assertFalse(lastThread.get().contains("I/O"), "sync ran on an IO thread: " + lastThread.get());
  }

  @Test
  void syncSuccessIsPassedThroughWithTheProfileAfterIt() throws Exception {
    String ok =
        "{\"status\":\"unchanged\",\"customerId\":31,\"account\":{\"balance\":\"256.52\","
            + "\"raw\":-1250.50,\"big\":1000.0}}";
    next.set(new HttpAnswer(200, HttpAnswer.JSON, ok.getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> r = post("/sandbox/customers/31/sync", "", routes.csrfToken());
    assertEquals(200, r.statusCode());
    assertEquals(HttpAnswer.JSON, r.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        ok.substring(0, ok.length() - 1)
            + ",\"profile\":{\"firstName\":\"Ivan\",\"lastName\":\"Petrov\",\"company\":\"\","
            + "\"zip\":\"\",\"city\":\"\",\"state\":\"\",\"address\":\"\"}}",
        r.body(),
        "the sync's members as they were, numbers included, then the fake FreeScout's fields");
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(0, lastBody.get().length);
  }

  @Test
  void theProfileIsReadAfterTheSync() throws Exception {
    HttpRequest put = putCustomer31("{\"firstName\":\"  Тарас \",\"zip\":\"Соляной\"}");
    SandboxSync writing =
        (id, body, rid) -> {
          try {
            assertEquals(204, http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode());
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return new HttpAnswer(
              200, HttpAnswer.JSON, "{\"status\":\"updated\"}".getBytes(StandardCharsets.UTF_8));
        };
    server.stop();
    routes = new SandboxRoutes(writing, up, Duration.ofMillis(12_000));
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(routes).build();
    server.start();
    InetSocketAddress addr = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    base = "http://127.0.0.1:" + addr.getPort();
    JsonNode profile =
        JSON.readTree(post("/sandbox/customers/31/sync", "{}", routes.csrfToken()).body())
            .get("profile");
    assertEquals("Тарас", profile.get("firstName").asText(), "trimmed, as the module's");
    assertEquals("Petrov", profile.get("lastName").asText());
    assertEquals("Соляной", profile.get("zip").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"99", "abc", "31x"})
  void noProfileWithoutACustomerToRead(String id) throws Exception {
    String ok = "{\"status\":\"updated\"}";
    next.set(new HttpAnswer(200, HttpAnswer.JSON, ok.getBytes(StandardCharsets.UTF_8)));
    assertEquals(ok, post("/sandbox/customers/" + id + "/sync", "{}", routes.csrfToken()).body());
  }

  @Test
  void noProfileOnAProblemOrABodyThatIsNoObject() throws Exception {
    String problem = "{\"code\":\"NOT_IN_BILLING\",\"status\":404}";
    next.set(new HttpAnswer(404, HttpAnswer.PROBLEM, problem.getBytes(StandardCharsets.UTF_8)));
    assertEquals(problem, post("/sandbox/customers/31/sync", "{}", routes.csrfToken()).body());
    next.set(new HttpAnswer(200, HttpAnswer.JSON, "[1]".getBytes(StandardCharsets.UTF_8)));
    assertEquals("[1]", post("/sandbox/customers/31/sync", "{}", routes.csrfToken()).body());
  }

  @Test
  void theIdSegmentGoesToTheSyncAsWritten() throws Exception {
    next.set(new HttpAnswer(400, HttpAnswer.PROBLEM, "{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(400, post("/sandbox/customers/abc/sync", "{}", routes.csrfToken()).statusCode());
    assertEquals(List.of("abc"), calls);
  }

  @Test
  void syncWithoutTheCsrfTokenIs419AndNeverSyncs() throws Exception {
    next.set(new HttpAnswer(200, HttpAnswer.JSON, "{}".getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> none = post("/sandbox/customers/31/sync", "{}", null);
    assertEquals(419, none.statusCode());
    assertEquals("{\"message\":\"CSRF token mismatch.\"}", none.body());
    assertEquals(419, post("/sandbox/customers/31/sync", "{}", "forged").statusCode());
    assertTrue(calls.isEmpty());
  }

  @Test
  void anOversizedBodyIs413AndNeverSyncs() throws Exception {
    next.set(new HttpAnswer(200, HttpAnswer.JSON, "{}".getBytes(StandardCharsets.UTF_8)));
    String big = "{\"contract\":\"" + "x".repeat(SandboxRoutes.MAX_BODY) + "\"}";
    HttpResponse<String> r = post("/sandbox/customers/31/sync", big, routes.csrfToken());
    assertEquals(413, r.statusCode());
    assertEquals("PAYLOAD_TOO_LARGE", JSON.readTree(r.body()).get("code").asText());
    assertTrue(calls.isEmpty());
  }

  @Test
  void aFailingSyncIsAProblemWithoutInternals() throws Exception {
    HttpResponse<String> r = post("/sandbox/customers/31/sync", "{}", routes.csrfToken());
    assertEquals(500, r.statusCode());
    assertEquals(HttpAnswer.PROBLEM, r.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = JSON.readTree(r.body());
    assertEquals("INTERNAL", body.get("code").asText());
    assertFalse(r.body().contains("secret internals"));
    assertFalse(r.body().contains("Exception"));
  }

  @Test
  void syncIsPostOnly() throws Exception {
    HttpResponse<String> r = get("/sandbox/customers/31/sync");
    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
    assertTrue(calls.isEmpty());
  }

  // ---- the rest ----

  @Test
  void customerReadGivesTheFakeFreeScoutsRecord() throws Exception {
    HttpResponse<String> r = get("/sandbox/customers/31");
    assertEquals(200, r.statusCode());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("Ivan", body.get("firstName").asText());
    assertEquals("+79004445566", body.get("_embedded").get("phones").get(0).get("value").asText());
    assertEquals(404, get("/sandbox/customers/999").statusCode());
  }

  @Test
  void anythingElseIsANotFoundProblem() throws Exception {
    HttpResponse<String> r = get("/sandbox/other");
    assertEquals(404, r.statusCode());
    assertEquals(HttpAnswer.PROBLEM, r.headers().firstValue("Content-Type").orElse(""));
    assertEquals("NOT_FOUND", JSON.readTree(r.body()).get("code").asText());
    assertNull(JSON.readTree(r.body()).get("candidates"));
  }

  // ---- helpers ----

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String csrf)
      throws IOException, InterruptedException {
    return http.send(syncRequest(path, body, csrf), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest syncRequest(String path, String body, String csrf) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (csrf != null) {
      b.header("X-CSRF-TOKEN", csrf);
    }
    return b.build();
  }

  /** A GET written by hand, so that no client library normalises the path first. */
  private String rawGet(String path) throws IOException {
    URI uri = URI.create(base);
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return answer.substring(0, answer.indexOf("\r\n"));
    }
  }

  /** A PUT of customer 31 straight to the fake FreeScout's API, as another tab's sync makes it. */
  private HttpRequest putCustomer31(String json) {
    return HttpRequest.newBuilder(up.freescoutUrl().resolve("/api/customers/31"))
        .header("X-FreeScout-API-Key", up.apiKey())
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }
}
