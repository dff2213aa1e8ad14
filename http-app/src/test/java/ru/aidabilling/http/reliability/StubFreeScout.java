package ru.aidabilling.http.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FreeScout stub on the JDK's {@link HttpServer} at 127.0.0.1, holding customer 31 (phone
 * +79004445566, «Ivan Petrov», as the recorded fixture) and customer 40 (no phone). Each kind of
 * call (read one customer, list, write) can be told to fail with a status and body or to stall;
 * every PUT body is recorded so that a test can see exactly what was written. The stub does not
 * apply writes: the profile stays as it was, so every successful sync writes the same full patch.
 */
final class StubFreeScout implements AutoCloseable {
  static final String API_KEY = "fs-api-key-reliab-7f3a9c";

  static final String CUSTOMER_31 =
      "{\"id\":31,\"firstName\":\"Ivan\",\"lastName\":\"Petrov\",\"jobTitle\":null,"
          + "\"company\":null,\"photoType\":\"unknown\",\"photoUrl\":\"\","
          + "\"createdAt\":\"2026-11-26T08:52:33Z\",\"updatedAt\":\"2026-11-26T08:52:33Z\","
          + "\"notes\":null,\"_embedded\":{\"emails\":[],\"phones\":[{\"id\":0,"
          + "\"value\":\"+79004445566\",\"type\":\"work\"}],\"social_profiles\":[],"
          + "\"websites\":[],\"address\":{\"city\":null,\"state\":null,\"zip\":null,"
          + "\"country\":null,\"address\":null}}}";
  static final String CUSTOMER_40 =
      CUSTOMER_31
          .replace("\"id\":31", "\"id\":40")
          .replace("{\"id\":0,\"value\":\"+79004445566\",\"type\":\"work\"}", "");
  static final String PAGE =
      "{\"_embedded\":{\"customers\":[]},\"page\":{\"size\":1,\"totalElements\":0,"
          + "\"totalPages\":1,\"number\":1}}";

  /** What one kind of call answers instead of the normal answer. */
  record Fault(int status, String contentType, String body, boolean stall) {
    static Fault status(int status, String body) {
      return new Fault(status, "application/json", body, false);
    }

    static Fault html(int status) {
      return new Fault(
          status, "text/html", "<html><body><h1>" + status + "</h1></body></html>", false);
    }

    static Fault stalling() {
      return new Fault(0, null, null, true);
    }
  }

  private final int port;
  private volatile HttpServer server;

  /** The port, held while the stub refuses connections ({@link #refuse()}). */
  private PortHold held;

  private final ExecutorService executor = Executors.newCachedThreadPool(daemon());
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<String> puts = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private volatile Fault onRead;
  private volatile Fault onList;
  private volatile Fault onWrite;

  StubFreeScout() {
    server = start(0);
    port = server.getAddress().getPort();
  }

  private HttpServer start(int port) {
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    s.setExecutor(executor);
    s.createContext("/", this::handle);
    s.start();
    return s;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Stops listening: connections are refused until {@link #listen()}; the port stays held meanwhile
   * so that no other program takes it.
   */
  synchronized void refuse() {
    stopListening();
    if (held == null) {
      held = PortHold.of(port);
    }
  }

  private void stopListening() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same port. */
  synchronized void listen() {
    if (server == null) {
      if (held != null) {
        held.close();
        held = null;
      }
      server = start(port);
    }
  }

  /** Fails (or, with null, heals) reading one customer. */
  void onRead(Fault f) {
    onRead = f;
  }

  /** Fails (or heals) the customer list, which ping and readiness call. */
  void onList(Fault f) {
    onList = f;
  }

  /** Fails (or heals) the PUT; a failed PUT is still recorded. */
  void onWrite(Fault f) {
    onWrite = f;
  }

  /** Every fault off. */
  void heal() {
    onRead = null;
    onList = null;
    onWrite = null;
  }

  /** PUT bodies received, in order, whatever was answered. */
  List<String> puts() {
    return List.copyOf(puts);
  }

  int reads() {
    return reads.get();
  }

  /** The API keys the requests carried. */
  List<String> keys() {
    return List.copyOf(keys);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String key = ex.getRequestHeaders().getFirst("X-FreeScout-API-Key");
      keys.add(key == null ? "" : key);
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (method.equals("PUT") && path.startsWith("/api/customers/")) {
        puts.add(new String(body, StandardCharsets.UTF_8));
        if (!fault(ex, onWrite)) {
          ex.sendResponseHeaders(204, -1);
        }
      } else if (method.equals("GET") && path.equals("/api/customers")) {
        if (!fault(ex, onList)) {
          send(ex, 200, "application/json", PAGE);
        }
      } else if (method.equals("GET") && path.startsWith("/api/customers/")) {
        reads.incrementAndGet();
        if (!fault(ex, onRead)) {
          String id = path.substring("/api/customers/".length());
          switch (id) {
            case "31" -> send(ex, 200, "application/json", CUSTOMER_31);
            case "40" -> send(ex, 200, "application/json", CUSTOMER_40);
            default ->
                send(
                    ex,
                    404,
                    "application/json",
                    "{\"message\":\"Not Found\",\"_embedded\":{\"errors\":[]}}");
          }
        }
      } else {
        send(ex, 404, "text/html", "<html>no such page</html>");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answers with the fault, if any; returns whether it did. */
  private boolean fault(HttpExchange ex, Fault f) throws IOException, InterruptedException {
    if (f == null) {
      return false;
    }
    if (f.stall()) {
      closed.await(60, TimeUnit.SECONDS);
      return true;
    }
    send(ex, f.status(), f.contentType(), f.body());
    return true;
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A port on 127.0.0.1 that nothing listens on (bound once, then closed). */
  static int refusingPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "stub-freescout");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public synchronized void close() {
    closed.countDown();
    stopListening();
    if (held != null) {
      held.close();
      held = null;
    }
    executor.shutdownNow();
  }
}
