package ru.aidabilling.http.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for the provider's billing lookup {@code GET /api/phone.php?phone=}. Each
 * known phone has a canned answer (found, several, not found or an nginx error page); any other
 * phone answers {@code {"client":null}} as the real one does. It accepts every phone format the
 * billing adapter can be set to send, and nothing else: an unencoded {@code +} arrives as a space
 * and is not found, just as on the real billing side. Thread-safe (answers are fixed at start).
 */
final class FakeBilling implements AutoCloseable {
  static final String PATH = "/api/phone.php";

  /** One canned HTTP answer. */
  record Answer(int status, String contentType, byte[] body) {}

  private static final Pattern PHONE = Pattern.compile("(?:\\+7|7|8)?([0-9]{10})");
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final Answer NOT_FOUND =
      new Answer(200, JSON_TYPE, "{\"client\":null}".getBytes(StandardCharsets.UTF_8));

  private final HttpServer server;
  private final Map<String, Answer> byPhone;

  private FakeBilling(HttpServer server, Map<String, Answer> byPhone) {
    this.server = server;
    this.byPhone = Map.copyOf(byPhone);
  }

  /**
   * Starts on 127.0.0.1 and an ephemeral port.
   *
   * @param byPhone answers keyed by the phone's ten national digits ({@code 9004445566})
   */
  static FakeBilling start(Map<String, Answer> byPhone) throws IOException {
    HttpServer server = FakeHttp.loopbackServer("fake-billing");
    FakeBilling fake = new FakeBilling(server, byPhone);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  @Override
  public void close() {
    FakeHttp.stop(server);
  }

  /** The ten national digits of a phone as billing receives it, if it is one. */
  static Optional<String> nationalDigits(String phone) {
    if (phone == null) {
      return Optional.empty();
    }
    Matcher m = PHONE.matcher(phone);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private void handle(HttpExchange ex) throws IOException {
    FakeHttp.body(ex);
    if (!ex.getRequestURI().getPath().equals(PATH)) {
      FakeHttp.send(
          ex,
          404,
          "text/html; charset=utf-8",
          "<html><head><title>404 Not Found</title></head><body>nginx</body></html>"
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    Answer a =
        nationalDigits(FakeHttp.query(ex).get("phone"))
            .map(d -> byPhone.getOrDefault(d, NOT_FOUND))
            .orElse(NOT_FOUND);
    FakeHttp.send(ex, a.status(), a.contentType(), a.body());
  }
}
