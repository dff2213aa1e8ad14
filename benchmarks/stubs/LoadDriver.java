import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paced load driver for the soak run: sends {@code POST /api/v1/customers/{id}/sync} at a steady
 * rate (open loop: the pace does not slow down when answers do), switches the upstream stub's faults
 * on a schedule through its control port, and counts every answer by status and error code — split
 * into answers a fault explains and answers nothing explains. Exits 1 when any answer is unexplained.
 *
 * <p>Run without a build: {@code java benchmarks/stubs/LoadDriver.java [options]}:
 *
 * <pre>
 *   --url U            the sync URL, {id} replaced by the customer id
 *                      (default http://127.0.0.1:18903/api/v1/customers/{id}/sync)
 *   --customers N      1: customer 31 only; N > 1: ids 1..N in turn (default 1000)
 *   --token T          bearer token            (default bench-token)
 *   --control U        the stub's control base (default http://127.0.0.1:18183); "" = no faults
 *   --rate N           requests per second     (default 40)
 *   --seconds N        how long to send        (default 300)
 *   --fault-every N    seconds between fault slots (default 12)
 *   --fault-seconds N  how long each fault lasts   (default 3)
 *   --faults a,b,...   the rotation of slots; "ok" = no fault in that slot (default
 *                      {@link #DEFAULT_FAULTS}: each billing fault, then two quiet slots, then
 *                      the two FreeScout faults)
 *   --max-in-flight N  sends skipped (and counted) beyond this many unanswered (default 2000)
 * </pre>
 *
 * <p>What a fault explains: a billing fault explains {@code BILLING_UNAVAILABLE} for requests that
 * were in flight while it was on and for {@value #BREAKER_GRACE_S} s after it ends (billing's
 * circuit breaker stays open 30 s after it opens, then tries again); a FreeScout fault explains
 * {@code HELPDESK_UNAVAILABLE} for requests in flight while it was on and for 1 s after. Anything
 * else that is not a 2xx — another code, a 5xx without a code, a transport error, a time-out, or
 * one of those two codes outside its window — is unexplained.
 */
public final class LoadDriver {
  static final long BREAKER_GRACE_S = 45;

  /**
   * Billing faults 60 s apart (each opens billing's circuit breaker for 30 s, and FreeScout faults
   * during that time would never be reached), FreeScout faults in between; {@code ok} is a slot
   * without a fault.
   */
  static final String DEFAULT_FAULTS =
      "billing-500,ok,ok,freescout-put-500,freescout-down,"
          + "billing-stall,ok,ok,freescout-put-500,freescout-down,"
          + "billing-down,ok,ok,freescout-put-500,freescout-down";
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z-]+)\"");

  /** One fault window, in nanoseconds of {@link System#nanoTime()}. */
  record Window(String fault, long start, long end) {}

  private final List<Window> windows = new CopyOnWriteArrayList<>();
  private final Map<String, LongAdder> explained = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> unexplained = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> successes = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final LatencyLog okLatencies = new LatencyLog();
  private volatile long currentFaultStart = -1;
  private volatile String currentFault = "ok";

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new TreeMap<>();
    o.put("url", "http://127.0.0.1:18903/api/v1/customers/{id}/sync");
    o.put("customers", "1000");
    o.put("token", "bench-token");
    o.put("control", "http://127.0.0.1:18183");
    o.put("rate", "40");
    o.put("seconds", "300");
    o.put("fault-every", "12");
    o.put("fault-seconds", "3");
    o.put("faults", DEFAULT_FAULTS);
    o.put("max-in-flight", "2000");
    for (int i = 0; i < args.length; i++) {
      String k = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!o.containsKey(k) || i + 1 >= args.length) {
        System.err.println("LoadDriver: unknown option " + args[i] + " (see the class comment)");
        System.exit(2);
      }
      o.put(k, args[++i]);
    }
    int unexplained = new LoadDriver().run(o);
    System.exit(unexplained == 0 ? 0 : 1);
  }

  private int run(Map<String, String> o) throws Exception {
    int rate = Integer.parseInt(o.get("rate"));
    long seconds = Long.parseLong(o.get("seconds"));
    int maxInFlight = Integer.parseInt(o.get("max-in-flight"));
    String control = o.get("control");
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    int customers = Integer.parseInt(o.get("customers"));
    HttpRequest[] requests = new HttpRequest[customers];
    for (int i = 0; i < customers; i++) {
      long id = customers == 1 ? 31 : i + 1;
      requests[i] =
          HttpRequest.newBuilder(URI.create(o.get("url").replace("{id}", Long.toString(id))))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + o.get("token"))
              .header("Content-Type", "application/json")
              .header("X-Aida-Actor", "soak-driver")
              .POST(HttpRequest.BodyPublishers.ofString("{\"phone\": \"+79004445566\"}"))
              .build();
    }
    AtomicLong turn = new AtomicLong();
    ScheduledExecutorService pace = Executors.newScheduledThreadPool(2);
    long begin = System.nanoTime();
    long end = begin + TimeUnit.SECONDS.toNanos(seconds);
    pace.scheduleAtFixedRate(
        () -> {
          if (System.nanoTime() >= end) {
            return;
          }
          if (inFlight.get() >= maxInFlight) {
            skipped.incrementAndGet();
            return;
          }
          send(client, requests[(int) (turn.getAndIncrement() % requests.length)]);
        },
        0,
        1_000_000_000L / rate,
        TimeUnit.NANOSECONDS);
    if (!control.isEmpty()) {
      scheduleFaults(pace, client, control, o, begin, end);
    }
    long lastSent = 0;
    long lastOk = 0;
    for (long t = 10; t <= seconds; t += 10) {
      sleepUntil(begin + TimeUnit.SECONDS.toNanos(t));
      long s = sent.get();
      long ok = total(successes);
      System.out.printf(
          "t=%3ds sent=%d (+%d) 2xx=%d (+%d) explained=%d unexplained=%d in-flight=%d fault=%s%n",
          t, s, s - lastSent, ok, ok - lastOk, total(explained), total(unexplained),
          inFlight.get(), currentFault);
      lastSent = s;
      lastOk = ok;
    }
    sleepUntil(end);
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
    while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(100);
    }
    pace.shutdownNow();
    if (!control.isEmpty()) {
      fault(client, control, "ok");
    }
    double secs = (System.nanoTime() - begin) / 1e9;
    System.out.println("--- answers by kind");
    print("2xx", successes);
    print("explained by a fault", explained);
    print("UNEXPLAINED", unexplained);
    long[] lat = okLatencies.snapshot();
    System.out.printf(
        "SOAK-RESULT sent=%d answered-2xx=%d explained=%d unexplained=%d skipped=%d"
            + " unanswered=%d rate=%.1f/s faults=%d ok-latency-ms p50=%.1f p99=%.1f max=%.1f%n",
        sent.get(), total(successes), total(explained), total(unexplained), skipped.get(),
        inFlight.get(), sent.get() / Math.min(secs, seconds), windows.size(),
        pct(lat, 0.50), pct(lat, 0.99), lat.length == 0 ? 0.0 : lat[lat.length - 1] / 1e6);
    return (int) Math.min(Integer.MAX_VALUE, total(unexplained) + inFlight.get());
  }

  private void scheduleFaults(
      ScheduledExecutorService pace,
      HttpClient client,
      String control,
      Map<String, String> o,
      long begin,
      long end) {
    List<String> faults = Arrays.asList(o.get("faults").split(","));
    long every = Long.parseLong(o.get("fault-every"));
    long lasts = Long.parseLong(o.get("fault-seconds"));
    AtomicInteger next = new AtomicInteger();
    pace.scheduleAtFixedRate(
        () -> {
          long now = System.nanoTime();
          if (now + TimeUnit.SECONDS.toNanos(lasts) >= end) {
            return;
          }
          String f = faults.get(next.getAndIncrement() % faults.size());
          if (f.equals("ok")) {
            return;
          }
          currentFault = f;
          currentFaultStart = now;
          fault(client, control, f);
          pace.schedule(
              () -> {
                fault(client, control, "ok");
                windows.add(new Window(f, currentFaultStart, System.nanoTime()));
                currentFault = "ok";
                currentFaultStart = -1;
              },
              lasts,
              TimeUnit.SECONDS);
        },
        every,
        every,
        TimeUnit.SECONDS);
  }

  private void fault(HttpClient client, String control, String name) {
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(control + "/fault?set=" + name))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        System.err.println("LoadDriver: stub refused fault " + name + ": " + r.body());
      }
    } catch (Exception e) {
      System.err.println("LoadDriver: cannot set fault " + name + ": " + e);
    }
  }

  private void send(HttpClient client, HttpRequest request) {
    long start = System.nanoTime();
    sent.incrementAndGet();
    inFlight.incrementAndGet();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (r, e) -> {
              long done = System.nanoTime();
              try {
                if (e != null) {
                  count(unexplained, "transport " + e.getClass().getSimpleName());
                } else if (r.statusCode() / 100 == 2) {
                  Matcher m = STATUS.matcher(r.body());
                  count(successes, r.statusCode() + " " + (m.find() ? m.group(1) : "-"));
                  if (currentFaultStart < 0 && !overlapsAny(start, done)) {
                    okLatencies.add(done - start);
                  }
                } else {
                  Matcher m = CODE.matcher(r.body());
                  String code = m.find() ? m.group(1) : "-";
                  String key = r.statusCode() + " " + code;
                  count(explains(code, start, done) ? explained : unexplained, key);
                }
              } finally {
                inFlight.decrementAndGet();
              }
            });
  }

  /** Whether a fault window (with its grace) overlaps the request's life. */
  private boolean explains(String code, long start, long done) {
    String kind =
        switch (code) {
          case "BILLING_UNAVAILABLE" -> "billing-";
          case "HELPDESK_UNAVAILABLE" -> "freescout-";
          default -> null;
        };
    if (kind == null) {
      return false;
    }
    long grace = TimeUnit.SECONDS.toNanos(kind.equals("billing-") ? BREAKER_GRACE_S : 1);
    long cs = currentFaultStart;
    if (cs >= 0 && currentFault.startsWith(kind) && done >= cs) {
      return true;
    }
    for (Window w : windows) {
      if (w.fault().startsWith(kind) && start <= w.end() + grace && done >= w.start()) {
        return true;
      }
    }
    return false;
  }

  private boolean overlapsAny(long start, long done) {
    long grace = TimeUnit.SECONDS.toNanos(BREAKER_GRACE_S);
    for (Window w : windows) {
      if (start <= w.end() + grace && done >= w.start()) {
        return true;
      }
    }
    return false;
  }

  private static void count(Map<String, LongAdder> m, String key) {
    m.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static long total(Map<String, LongAdder> m) {
    return m.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static void print(String title, Map<String, LongAdder> m) {
    System.out.println(title + ": " + total(m));
    new TreeMap<>(m).forEach((k, v) -> System.out.println("  " + k + ": " + v.sum()));
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000_000L));
    }
  }

  /** Latencies of answers no fault touched, for the p50/p99 line. */
  private static final class LatencyLog {
    private final List<long[]> blocks = new ArrayList<>();
    private long[] current = new long[4096];
    private int n;

    synchronized void add(long nanos) {
      if (n == current.length) {
        blocks.add(current);
        current = new long[4096];
        n = 0;
      }
      current[n++] = nanos;
    }

    synchronized long[] snapshot() {
      long[] all = new long[blocks.size() * 4096 + n];
      int i = 0;
      for (long[] b : blocks) {
        System.arraycopy(b, 0, all, i, b.length);
        i += b.length;
      }
      System.arraycopy(current, 0, all, i, n);
      Arrays.sort(all);
      return all;
    }
  }
}
