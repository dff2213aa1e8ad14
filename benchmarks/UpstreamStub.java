import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for FreeScout and billing that answers every request after a fixed delay, for
 * benchmarking {@code aida-billing sync-all} (run it with {@code java UpstreamStub.java}, no build
 * needed). Customer i has phone +7900 followed by i in 7 digits and billing knows every phone, so
 * every sync reads the customer, looks billing up and writes the profile: three waits per customer.
 *
 * <p>Usage: {@code java UpstreamStub.java CUSTOMERS DELAY_MS}. Prints {@code port=N} once it
 * listens; routes: {@code GET /api/customers}, {@code GET|PUT /api/customers/{id}}, {@code GET
 * /billing?phone=}. Prints request counts when stdin closes, then exits.
 */
public final class UpstreamStub {
  private static final AtomicLong LISTS = new AtomicLong();
  private static final AtomicLong GETS = new AtomicLong();
  private static final AtomicLong PUTS = new AtomicLong();
  private static final AtomicLong LOOKUPS = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int customers = Integer.parseInt(args[0]);
    long delay = Long.parseLong(args[1]);
    // Without TCP_NODELAY the JDK server's small answers can wait for the client's delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(Executors.newFixedThreadPool(128));
    server.createContext(
        "/api/customers",
        ex -> answer(ex, delay, () -> freescout(ex, customers)));
    server.createContext("/api/", ex -> answer(ex, delay, () -> new Reply(200, "{}")));
    server.createContext("/billing", ex -> answer(ex, delay, () -> billing(ex)));
    server.start();
    System.out.println("port=" + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // run until the benchmark closes our stdin
    }
    System.err.printf(
        "stub: %d list, %d get, %d put, %d billing requests%n",
        LISTS.get(), GETS.get(), PUTS.get(), LOOKUPS.get());
    server.stop(0);
    System.exit(0);
  }

  private record Reply(int status, String body) {}

  private interface Handler {
    Reply handle() throws IOException;
  }

  private static void answer(HttpExchange ex, long delay, Handler h) throws IOException {
    try (ex) {
      ex.getRequestBody().readAllBytes();
      Thread.sleep(delay);
      Reply r = h.handle();
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(r.status(), r.status() == 204 ? -1 : body.length);
      if (r.status() != 204) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Reply freescout(HttpExchange ex, int customers) {
    String path = ex.getRequestURI().getPath();
    if (path.equals("/api/customers") || path.equals("/api/customers/")) {
      LISTS.incrementAndGet();
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      int size = Integer.parseInt(q.getOrDefault("pageSize", "50"));
      int totalPages = Math.max(1, (customers + size - 1) / size);
      StringBuilder b = new StringBuilder("{\"_embedded\":{\"customers\":[");
      for (int id = (page - 1) * size + 1; id <= Math.min(customers, page * size); id++) {
        if (b.charAt(b.length() - 1) == '}') {
          b.append(',');
        }
        b.append(customer(id));
      }
      b.append("]},\"page\":{\"size\":").append(size).append(",\"totalElements\":").append(customers);
      b.append(",\"totalPages\":").append(totalPages).append(",\"number\":").append(page).append("}}");
      return new Reply(200, b.toString());
    }
    long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    if (id < 1 || id > customers) {
      return new Reply(404, "{\"message\":\"Not Found\"}");
    }
    if (ex.getRequestMethod().equals("PUT")) {
      PUTS.incrementAndGet();
      return new Reply(204, "");
    }
    GETS.incrementAndGet();
    return new Reply(200, customer(id));
  }

  private static String customer(long id) {
    String created = java.time.Instant.ofEpochSecond(1_700_000_000L + id).toString();
    return "{\"id\":" + id + ",\"firstName\":\"Old\",\"lastName\":null,\"company\":null,"
        + "\"createdAt\":\"" + created + "\",\"updatedAt\":\"" + created + "\","
        + "\"_embedded\":{\"emails\":[],\"phones\":[{\"id\":0,\"value\":\"" + phone(id)
        + "\",\"type\":\"work\"}],\"social_profiles\":[],\"websites\":[],"
        + "\"address\":{\"city\":null,\"state\":null,\"zip\":null,\"country\":null,\"address\":null}}}";
  }

  private static String phone(long id) {
    return String.format("+7900%07d", id);
  }

  private static Reply billing(HttpExchange ex) {
    LOOKUPS.incrementAndGet();
    String phone = query(ex.getRequestURI().getRawQuery()).getOrDefault("phone", "");
    return new Reply(
        200,
        "{\"client\":{\"fullname\":\"Петров Иван Иванович\",\"contract_number\":\"C"
            + phone.replaceAll("\\D", "")
            + "\",\"address\":\"село Ивановка ул. Ленина 5\",\"tariff\":\"Базовый\","
            + "\"ballance\":\"100.50\"}}");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null) {
      return m;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }
}
