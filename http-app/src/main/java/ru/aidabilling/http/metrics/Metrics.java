package ru.aidabilling.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service's meters in one Prometheus registry: requests per route, method and status (a latency
 * histogram), upstream calls per system, operation and outcome, and the request pool's use. Kept in
 * one class so the names stay consistent; {@link #scrape()} is what {@code GET /metrics} serves.
 */
public final class Metrics {
  private static final Duration MIN = Duration.ofMillis(1);
  private static final Duration MAX = Duration.ofSeconds(30);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /**
   * The timers and counters already registered, by name and tag values. Building a meter and
   * looking it up in the registry on every request (sorting and comparing its tags) cost several
   * per cent of a request's CPU; the tag values are bounded (route templates, known methods,
   * statuses, error codes), so the map stays small.
   */
  private final Map<List<String>, Timer> requestTimers = new ConcurrentHashMap<>();

  private final Map<List<String>, Timer> upstreamTimers = new ConcurrentHashMap<>();

  private final Map<List<String>, Counter> upstreamFailures = new ConcurrentHashMap<>();

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  public void request(String route, String method, int status, long nanos) {
    cached(
            requestTimers,
            List.of(route, method, Integer.toString(status)),
            k ->
                histogram(
                    Timer.builder("aida.http.requests")
                        .description("HTTP requests by route template, method and status")
                        .tag("route", route)
                        .tag("method", method)
                        .tag("status", k.get(2))))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * One upstream call.
   *
   * @param outcome {@code ok} or the failure's error code
   */
  public void upstream(String upstream, String operation, String outcome, long nanos) {
    List<String> key = List.of(upstream, operation, outcome);
    cached(
            upstreamTimers,
            key,
            k ->
                histogram(
                    Timer.builder("aida.upstream.calls")
                        .description("Calls to billing and FreeScout by operation and outcome")
                        .tag("upstream", upstream)
                        .tag("operation", operation)
                        .tag("outcome", outcome)))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (!outcome.equals("ok")) {
      cached(
              upstreamFailures,
              key,
              k ->
                  Counter.builder("aida.upstream.failures")
                      .description("Failed upstream calls by code")
                      .tag("upstream", upstream)
                      .tag("operation", operation)
                      .tag("code", outcome)
                      .register(registry))
          .increment();
    }
  }

  /** The meter for these tag values, registered on first use. */
  private static <M> M cached(
      Map<List<String>, M> meters, List<String> tags, Function<List<String>, M> register) {
    M m = meters.get(tags);
    return m != null ? m : meters.computeIfAbsent(tags, register);
  }

  private Timer histogram(Timer.Builder timer) {
    return timer
        .publishPercentileHistogram()
        .minimumExpectedValue(MIN)
        .maximumExpectedValue(MAX)
        .register(registry);
  }

  /**
   * Requests refused for overload, registered at start so that a scrape shows 0 before the first
   * (an alert on its rate needs the series to exist).
   */
  private final Counter overloaded =
      Counter.builder("aida.http.overloaded")
          .description(
              "Requests refused with 503 because the request queue or the body budget was full")
          .register(registry);

  /** A request refused because the pool and its queue, or the body budget, were full. */
  public void overloaded() {
    overloaded.increment();
  }

  private final Counter authFailures =
      Counter.builder("aida.http.auth.failures")
          .description("Requests to a token route without a valid bearer token")
          .register(registry);

  private final Counter authThrottled =
      Counter.builder("aida.http.auth.throttled")
          .description(
              "Requests without a valid bearer token refused with 429 because their address"
                  + " was over AIDA_AUTH_FAILURES_PER_MINUTE")
          .register(registry);

  /** A request to a token route without a valid token (answered 401, or 429 when throttled). */
  public void authFailed(boolean throttled) {
    authFailures.increment();
    if (throttled) {
      authThrottled.increment();
    }
  }

  /** A request whose deadline passed; its late result, if any, is dropped. */
  public void deadlineExceeded(String route) {
    Counter.builder("aida.http.deadline.exceeded")
        .description("Requests answered at their deadline")
        .tag("route", route)
        .register(registry)
        .increment();
  }

  /** The request pool: busy workers, waiting requests, queue capacity, pool size. */
  public void pool(ThreadPoolExecutor pool, int queueCapacity) {
    Gauge.builder("aida.pool.active", pool, ThreadPoolExecutor::getActiveCount)
        .description("Workers running a request")
        .register(registry);
    Gauge.builder("aida.pool.size", pool, ThreadPoolExecutor::getMaximumPoolSize)
        .description("Request pool size (AIDA_WORKERS)")
        .register(registry);
    Gauge.builder("aida.pool.queued", pool, p -> p.getQueue().size())
        .description("Requests waiting for a worker")
        .register(registry);
    Gauge.builder("aida.pool.queue.capacity", () -> queueCapacity)
        .description("Queue capacity (AIDA_QUEUE)")
        .register(registry);
  }

  /**
   * A numeric state reported by an adapter, e.g. a circuit breaker (0 closed, 1 open, 2 half-open).
   */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }
}
