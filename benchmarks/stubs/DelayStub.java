import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Loopback stand-ins for the billing API and FreeScout's REST API that answer every request after a
 * fixed delay without holding a thread while they wait, so that hundreds of concurrent requests all
 * wait their delay side by side. A control port switches faults on and off for the soak run.
 *
 * <p>Run without a build: {@code java benchmarks/stubs/DelayStub.java [options]}. Options:
 *
 * <pre>
 *   --billing-port N     billing:   GET /api/phone.php?phone=...            (default 18181)
 *   --freescout-port N   FreeScout: GET|PUT /api/customers/{id},
 *                                   GET /api/customers?pageSize=...        (default 18182)
 *   --control-port N     GET /fault?set=NAME, GET /stats; 0 = none         (default 18183)
 *   --delay-ms N         wait before every upstream answer                (default 50)
 *   --stall-ms N         wait of a stalled billing answer                 (default 8000)
 *   --customer synced|blank  synced: the profile already holds what billing says, so a sync
 *                        changes nothing; blank: names, company and zip are empty, so every
 *                        sync writes (GET, billing, PUT)                  (default synced)
 * </pre>
 *
 * <p>Every customer id has the phone +79004445566, which billing knows as the seed's subscriber
 * (Новичков Тарас Викторович, contract 0138); any other phone is not found. Faults ({@code
 * /fault?set=}): {@code ok}, {@code billing-500}, {@code billing-stall} (answers after {@code
 * --stall-ms}, past the adapter's time-out), {@code freescout-put-500}, {@code billing-down} and
 * {@code freescout-down} (the port is closed: connection refused, reopened by the next {@code
 * set}). {@code /stats} answers counts by kind. Prints one {@code ready ...} line once it listens;
 * stops on SIGTERM or when stdin closes if started with {@code --until-stdin-closes}.
 */
public final class DelayStub {
  private static final String PHONE = "+79004445566";
  private static final String BILLING_FOUND =
      "{\"client\":{\"fullname\":\"Новичков Тарас Викторович\",\"contract_number\":\"0138\","
          + "\"address\":\"поселок Соляной Набережная 8/1\",\"tariff\":\"2024_SMiT\","
          + "\"ballance\":\"256.52\"}}";
  private static final String BILLING_NOT_FOUND = "{\"client\":null}";

  private final int billingPort;
  private final int freescoutPort;
  private final long delayMs;
  private final long stallMs;
  private final boolean synced;
  private final ScheduledExecutorService timers =
      Executors.newScheduledThreadPool(2, named("stub-timer"));
  private final ExecutorService handlers = Executors.newFixedThreadPool(4, named("stub-handler"));
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private volatile String fault = "ok";
  private HttpServer billing;
  private HttpServer freescout;

  private DelayStub(
      int billingPort, int freescoutPort, long delayMs, long stallMs, boolean synced) {
    this.billingPort = billingPort;
    this.freescoutPort = freescoutPort;
    this.delayMs = delayMs;
    this.stallMs = stallMs;
    this.synced = synced;
  }

  public static void main(String[] args) throws Exception {
    // Without TCP_NODELAY the JDK server's small answers meet the client's delayed ACK: +40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Map<String, String> opt = new TreeMap<>();
    opt.put("billing-port", "18181");
    opt.put("freescout-port", "18182");
    opt.put("control-port", "18183");
    opt.put("delay-ms", "50");
    opt.put("stall-ms", "8000");
    opt.put("customer", "synced");
    boolean untilStdin = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--until-stdin-closes")) {
        untilStdin = true;
      } else if (a.startsWith("--") && opt.containsKey(a.substring(2)) && i + 1 < args.length) {
        opt.put(a.substring(2), args[++i]);
      } else {
        System.err.println("DelayStub: unknown option " + a + " (see the class comment)");
        System.exit(2);
      }
    }
    String customer = opt.get("customer");
    if (!customer.equals("synced") && !customer.equals("blank")) {
      System.err.println("DelayStub: --customer is synced or blank, not " + customer);
      System.exit(2);
    }
    DelayStub stub =
        new DelayStub(
            Integer.parseInt(opt.get("billing-port")),
            Integer.parseInt(opt.get("freescout-port")),
            Long.parseLong(opt.get("delay-ms")),
            Long.parseLong(opt.get("stall-ms")),
            customer.equals("synced"));
    stub.openBilling();
    stub.openFreeScout();
    int control = Integer.parseInt(opt.get("control-port"));
    if (control > 0) {
      stub.openControl(control);
    }
    System.out.println(
        "ready billing=" + stub.billingPort + " freescout=" + stub.freescoutPort
            + " control=" + control + " delay-ms=" + stub.delayMs + " customer=" + customer);
    System.out.flush();
    if (untilStdin) {
      while (System.in.read() != -1) {
        // run until the caller closes our stdin
      }
      System.exit(0);
    }
  }

  private synchronized void openBilling() throws IOException {
    billing = server(billingPort, this::billing);
  }

  private synchronized void openFreeScout() throws IOException {
    freescout = server(freescoutPort, this::freescout);
  }

  private HttpServer server(int port, HttpHandler handler) throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    s.setExecutor(handlers);
    s.createContext("/", handler);
    s.start();
    return s;
  }

  private void openControl(int port) throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    s.setExecutor(Executors.newSingleThreadExecutor(named("stub-control")));
    s.createContext(
        "/fault",
        ex -> {
          String set = query(ex).getOrDefault("set", "");
          try {
            setFault(set);
            send(ex, 200, "text/plain", "fault=" + set + "\n");
          } catch (IllegalArgumentException e) {
            send(ex, 400, "text/plain", e.getMessage() + "\n");
          }
        });
    s.createContext(
        "/stats",
        ex -> {
          StringBuilder b = new StringBuilder("{\"fault\":\"" + fault + "\"");
          new TreeMap<>(counts).forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v.sum()));
          send(ex, 200, "application/json", b.append("}\n").toString());
        });
    s.start();
  }

  /** Switches to a fault (or back to {@code ok}); closes or reopens ports as the fault needs. */
  private synchronized void setFault(String name) throws IOException {
    switch (name) {
      case "ok", "billing-500", "billing-stall", "freescout-put-500", "billing-down",
          "freescout-down" -> {}
      default -> throw new IllegalArgumentException("unknown fault " + name);
    }
    fault = name;
    if (name.equals("billing-down") && billing != null) {
      billing.stop(0);
      billing = null;
    } else if (!name.equals("billing-down") && billing == null) {
      openBilling();
    }
    if (name.equals("freescout-down") && freescout != null) {
      freescout.stop(0);
      freescout = null;
    } else if (!name.equals("freescout-down") && freescout == null) {
      openFreeScout();
    }
    // the time in the service log's own format, so that soak.sh can place its lines in a fault
    System.err.println(
        java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"))
            + " DelayStub: fault="
            + name);
  }

  private void billing(HttpExchange ex) throws IOException {
    drain(ex);
    String f = fault;
    if (f.equals("billing-500")) {
      count("billing-500");
      later(ex, delayMs, 500, "text/html", "<html><body>Internal Server Error</body></html>");
      return;
    }
    if (f.equals("billing-stall")) {
      count("billing-stalled");
      later(ex, stallMs, 200, "application/json", BILLING_FOUND);
      return;
    }
    String phone = query(ex).get("phone");
    count(phone == null ? "billing-probe" : "billing-lookup");
    later(
        ex,
        delayMs,
        200,
        "application/json",
        phone == null || phone.equals(PHONE) ? BILLING_FOUND : BILLING_NOT_FOUND);
  }

  private void freescout(HttpExchange ex) throws IOException {
    drain(ex);
    if (ex.getRequestHeaders().getFirst("X-FreeScout-API-Key") == null) {
      count("freescout-401");
      later(ex, delayMs, 401, "application/json", "{\"message\":\"Unauthenticated.\"}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (path.equals("/api/customers") && method.equals("GET")) {
      count("freescout-list");
      later(
          ex,
          delayMs,
          200,
          "application/hal+json",
          "{\"_embedded\":{\"customers\":[" + customer(31) + "]},"
              + "\"page\":{\"size\":1,\"totalElements\":1,\"totalPages\":1,\"number\":1}}");
      return;
    }
    if (!path.startsWith("/api/customers/")) {
      count("freescout-404");
      later(ex, delayMs, 404, "application/json", "{\"message\":\"Not found\"}");
      return;
    }
    long id;
    try {
      id = Long.parseLong(path.substring("/api/customers/".length()));
    } catch (NumberFormatException e) {
      count("freescout-404");
      later(ex, delayMs, 404, "application/json", "{\"message\":\"Not found\"}");
      return;
    }
    if (method.equals("GET")) {
      count("freescout-get");
      later(ex, delayMs, 200, "application/hal+json", customer(id));
    } else if (method.equals("PUT")) {
      if (fault.equals("freescout-put-500")) {
        count("freescout-put-500");
        later(ex, delayMs, 500, "application/json", "{\"message\":\"Server Error\"}");
      } else {
        count("freescout-put");
        // a PUT whose answer never reaches the caller (the port closed under it): the caller
        // cannot know whether it was saved, and says so (soak.sh counts those lines against this)
        later(ex, delayMs, 204, null, "", "freescout-put-unanswered");
      }
    } else {
      count("freescout-405");
      later(ex, delayMs, 405, "application/json", "{\"message\":\"Method not allowed\"}");
    }
  }

  private String customer(long id) {
    String first = synced ? "\"Тарас\"" : "\"\"";
    String last = synced ? "\"Новичков\"" : "\"\"";
    String company = synced ? "\"0138\"" : "null";
    String zip = synced ? "\"Соляной\"" : "null";
    return "{\"id\":" + id + ",\"firstName\":" + first + ",\"lastName\":" + last
        + ",\"jobTitle\":null,\"company\":" + company + ",\"photoType\":\"unknown\","
        + "\"photoUrl\":\"\",\"createdAt\":\"2026-11-26T08:52:33Z\","
        + "\"updatedAt\":\"2026-11-26T08:52:54Z\",\"notes\":null,\"_embedded\":{\"emails\":[],"
        + "\"phones\":[{\"id\":0,\"value\":\"" + PHONE + "\",\"type\":\"work\"}],"
        + "\"social_profiles\":[],\"websites\":[],\"address\":{\"city\":null,\"state\":null,"
        + "\"zip\":" + zip + ",\"country\":null,\"address\":null}}}";
  }

  /** Answers after {@code ms} from a timer thread; the handler thread returns at once. */
  private void later(HttpExchange ex, long ms, int status, String type, String body) {
    later(ex, ms, status, type, body, null);
  }

  private void later(
      HttpExchange ex, long ms, int status, String type, String body, String alsoCount) {
    Runnable answer =
        () -> {
          try {
            send(ex, status, type, body);
          } catch (IOException | RuntimeException e) {
            count("answer-failed"); // the caller gave up (time-out) or the port was closed
            if (alsoCount != null) {
              count(alsoCount);
            }
            ex.close();
          }
        };
    if (ms <= 0) {
      answer.run();
    } else {
      timers.schedule(() -> handlers.execute(answer), ms, TimeUnit.MILLISECONDS);
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (type != null) {
      ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    }
    if (status == 204) {
      ex.sendResponseHeaders(204, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void drain(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new TreeMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  private void count(String kind) {
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
