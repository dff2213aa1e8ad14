package ru.aidabilling.http.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.http.HttpAnswer;
import ru.aidabilling.http.api.Answers;
import ru.aidabilling.http.api.Fields;

/**
 * The routes that exist only in sandbox mode: the demo page at {@code /}, the module's own script
 * and stylesheet (copied from {@code freescout-module} at build time; nothing else is served), and
 * {@code POST /sandbox/customers/{id}/sync}, which stands in for the module's FreeScout route: it
 * checks the CSRF token as FreeScout does and passes the sync's status and body through, adding the
 * customer's fields after the sync to a 200 answer ({@code "profile"}), as the module's controller
 * does. No bearer token: the sandbox page plays FreeScout's part.
 */
public final class SandboxRoutes implements HttpHandler {
  /** The same body limit as the service's other routes. */
  static final int MAX_BODY = 64 * 1024;

  private static final System.Logger LOG = System.getLogger(SandboxRoutes.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SYNC = Pattern.compile("/sandbox/customers/([^/]+)/sync");
  private static final Pattern CUSTOMER = Pattern.compile("/sandbox/customers/([0-9]{1,18})");
  private static final Pattern CUSTOMER_ID = Pattern.compile("[0-9]{1,18}");
  private static final HttpString CSRF_HEADER = new HttpString("X-CSRF-TOKEN");
  private static final HttpString X_REQUEST_ID = new HttpString("X-Request-Id");
  private static final String HTML = "text/html; charset=utf-8";

  /** Request path → the one asset served there. */
  private static final Map<String, Asset> ASSETS =
      Map.of(
          "/sandbox/assets/module.js",
          new Asset("assets/module.js", "text/javascript; charset=utf-8"),
          "/sandbox/assets/module.css",
          new Asset("assets/module.css", "text/css; charset=utf-8"));

  private record Asset(String resource, String contentType) {}

  private final SandboxSync sync;
  private final SandboxUpstreams upstreams;
  private final int timeoutSeconds;
  private final String csrfToken;

  /**
   * @param syncDeadline the sync route's own time-out (the service's request deadline, after which
   *     it answers 504): the page renders it in whole seconds, rounded up, as the block's {@code
   *     data-timeout}, where FreeScout's page renders the module's time-out for the service, so
   *     module.js waits for the route as long as on a real page (that time-out plus its margin)
   */
  public SandboxRoutes(SandboxSync sync, SandboxUpstreams upstreams, Duration syncDeadline) {
    this.sync = Objects.requireNonNull(sync, "sync");
    this.upstreams = Objects.requireNonNull(upstreams, "upstreams");
    this.timeoutSeconds = timeoutSeconds(syncDeadline);
    byte[] raw = new byte[20];
    new SecureRandom().nextBytes(raw);
    this.csrfToken = HexFormat.of().formatHex(raw);
  }

  /** A deadline in whole seconds, rounded up: the route has answered by then. */
  static int timeoutSeconds(Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the sync deadline must be positive: " + deadline);
    }
    long millis = deadline.toMillis();
    return Math.toIntExact(Math.max(1, (millis + 999) / 1000));
  }

  /** The token the page's {@code <meta name="csrf-token">} carries and the sync route wants. */
  public String csrfToken() {
    return csrfToken;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    String path = ex.getRequestPath();
    // HEAD wherever GET: Undertow sends the headers of the GET answer without its body
    boolean get =
        ex.getRequestMethod().equals(Methods.GET) || ex.getRequestMethod().equals(Methods.HEAD);
    ex.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
    if (path.equals("/")) {
      if (get) {
        page(ex);
      } else {
        notAllowed(ex, "GET, HEAD");
      }
      return;
    }
    // Exact match on the raw URI too: no %-escapes and no ";params", which Undertow strips.
    Asset asset = path.equals(ex.getRequestURI()) ? ASSETS.get(path) : null;
    if (asset != null) {
      if (get) {
        asset(ex, asset);
      } else {
        notAllowed(ex, "GET, HEAD");
      }
      return;
    }
    Matcher sync = SYNC.matcher(path);
    if (sync.matches()) {
      if (ex.getRequestMethod().equals(Methods.POST)) {
        sync(ex, sync.group(1));
      } else {
        notAllowed(ex, "POST");
      }
      return;
    }
    Matcher customer = CUSTOMER.matcher(path);
    if (customer.matches() && get) {
      customer(ex, Long.parseLong(customer.group(1)));
      return;
    }
    problem(ex, ErrorCode.NOT_FOUND, "Такого адреса в песочнице нет.");
  }

  private void page(HttpServerExchange ex) {
    long selected = selectedCustomer(ex);
    int status = upstreams.customer(selected).isPresent() ? 200 : 404;
    ex.getResponseHeaders()
        .put(Headers.CONTENT_SECURITY_POLICY, DemoPage.CSP)
        .put(Headers.CACHE_CONTROL, "no-store")
        .put(new HttpString("Referrer-Policy"), "no-referrer");
    send(
        ex,
        status,
        HTML,
        DemoPage.render(upstreams, selected, csrfToken, timeoutSeconds)
            .getBytes(StandardCharsets.UTF_8));
  }

  /** {@code ?customer=ID}; the first sandbox customer when absent, -1 when not a number. */
  private long selectedCustomer(HttpServerExchange ex) {
    Deque<String> values = ex.getQueryParameters().get("customer");
    if (values == null || values.isEmpty() || values.peekFirst().isBlank()) {
      return upstreams.cases().isEmpty() ? -1 : upstreams.cases().get(0).id();
    }
    try {
      return Long.parseLong(values.peekFirst().strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void asset(HttpServerExchange ex, Asset asset) throws IOException {
    byte[] body = load(asset.resource());
    if (body == null) {
      problem(ex, ErrorCode.NOT_FOUND, "Файл модуля не собран: пересоберите http-app.");
      return;
    }
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    send(ex, 200, asset.contentType(), body);
  }

  private static byte[] load(String resource) throws IOException {
    try (InputStream in = SandboxRoutes.class.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private void customer(HttpServerExchange ex, long id) throws JsonProcessingException {
    Optional<FakeCustomer> c = upstreams.customer(id);
    if (c.isEmpty()) {
      problem(ex, ErrorCode.NOT_FOUND, "Клиента #" + id + " в песочнице нет.");
      return;
    }
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    send(ex, 200, HttpAnswer.JSON, JSON.writeValueAsBytes(c.get().toApi()));
  }

  private void sync(HttpServerExchange ex, String idSegment) throws IOException {
    if (ex.isInIoThread()) {
      ex.dispatch(this);
      return;
    }
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    String token = ex.getRequestHeaders().getFirst(CSRF_HEADER);
    if (token == null
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8))) {
      // What FreeScout (Laravel) answers a POST without the page's CSRF token.
      send(
          ex,
          419,
          HttpAnswer.JSON,
          "{\"message\":\"CSRF token mismatch.\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!ex.isBlocking()) {
      ex.startBlocking();
    }
    byte[] body;
    try (InputStream in = ex.getInputStream()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      problem(ex, ErrorCode.PAYLOAD_TOO_LARGE, "Запрос больше " + MAX_BODY / 1024 + " КиБ.");
      return;
    }
    HttpAnswer answer;
    try {
      answer = sync.sync(idSegment, body, requestId(ex));
      // What the fake FreeScout holds now, read again, as the module's controller adds it.
      answer = ProfileValues.addTo(answer, customerOf(idSegment));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "sandbox sync failed", e);
      problem(ex, ErrorCode.INTERNAL, "Внутренняя ошибка песочницы.");
      return;
    }
    send(ex, answer.status(), answer.contentType(), answer.body());
  }

  /** The customer the id segment names, as the module's route reads {@code (int) $id}. */
  private Optional<FakeCustomer> customerOf(String idSegment) {
    return CUSTOMER_ID.matcher(idSegment).matches()
        ? upstreams.customer(Long.parseLong(idSegment))
        : Optional.empty();
  }

  private static void notAllowed(HttpServerExchange ex, String allow)
      throws JsonProcessingException {
    ex.getResponseHeaders().put(Headers.ALLOW, allow);
    problem(ex, ErrorCode.METHOD_NOT_ALLOWED, "Этот адрес принимает только " + allow + ".");
  }

  private static void problem(HttpServerExchange ex, ErrorCode code, String detail) {
    HttpAnswer answer = Answers.problem(code, detail, requestId(ex));
    send(ex, answer.status(), answer.contentType(), answer.body());
  }

  /**
   * The request's id: the one the service put on the answer's {@code X-Request-Id} (so the body,
   * the logs and the audit records show the same), or a new one, put there, when the routes run on
   * their own.
   */
  private static RequestId requestId(HttpServerExchange ex) {
    Optional<RequestId> given =
        Fields.requestIdHeader(ex.getResponseHeaders().getFirst(X_REQUEST_ID));
    if (given.isPresent()) {
      return given.get();
    }
    RequestId fresh = RequestId.generate();
    ex.getResponseHeaders().put(X_REQUEST_ID, fresh.value());
    return fresh;
  }

  private static void send(HttpServerExchange ex, int status, String contentType, byte[] body) {
    ex.setStatusCode(status);
    if (contentType != null) {
      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    }
    byte[] bytes = body == null ? new byte[0] : body;
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
    ex.getResponseSender().send(ByteBuffer.wrap(bytes));
  }
}
