package ru.aidabilling.adapter.billing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.logging.LogSafety;
import ru.aidabilling.core.outbound.AgentText;
import ru.aidabilling.core.outbound.BoundedExchange;
import ru.aidabilling.core.outbound.BoundedExchange.Answer;
import ru.aidabilling.core.outbound.BoundedExchange.ExchangeException;
import ru.aidabilling.core.outbound.BoundedExchange.Failure;
import ru.aidabilling.core.outbound.BoundedExchange.Request;
import ru.aidabilling.core.port.out.BillingDirectory;

/**
 * The {@link BillingDirectory} port over the provider's billing HTTP API ({@code GET
 * {url}?phone=…}, spec 3).
 *
 * <p>Failure rules: 404 and an answer without a client are "not found"; 401 and 403 are {@code
 * CONFIGURATION} naming the key settings (also for {@link #ping}), not counted by the breaker; any
 * other status, a body that is not a billing answer, a body over the cap, a broken connection or a
 * time-out is {@code BILLING_UNAVAILABLE} — never "not found". A time-out is {@code
 * BILLING_UNAVAILABLE} too, not {@code DEADLINE_EXCEEDED}: that code belongs to the caller's
 * overall request deadline, while here it is billing that failed. Connection failures and
 * 502/503/504 get one retry after {@code retryDelay} (a lookup is a read, so repeating it is
 * harmless). A circuit breaker counts whole lookups (retry included): when billing keeps failing,
 * lookups fail at once for {@code breaker.openFor} and then a few trial lookups decide whether it
 * is back.
 *
 * <p>Thread-safe. Logs mask phones and names; nothing logged or thrown holds the extra header's
 * value or the query string.
 */
public final class HttpBillingDirectory implements BillingDirectory {
  private static final System.Logger LOG = System.getLogger(HttpBillingDirectory.class.getName());
  private static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);

  private final BillingConfig config;
  private final CircuitBreaker breaker;

  /** Over HTTP/1.1 with the config's time-outs; redirects are never followed. */
  public HttpBillingDirectory(BillingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.breaker = CircuitBreaker.of("billing", breakerConfig(config.breaker()));
  }

  @Override
  public List<BillingAccount> findByPhone(Phone phone) {
    Objects.requireNonNull(phone, "phone");
    try {
      List<BillingAccount> found = breaker.executeSupplier(() -> lookup(phone));
      LOG.log(Level.DEBUG, "billing: {0} account(s) for {1}", found.size(), phone.masked());
      return found;
    } catch (CallNotPermittedException e) {
      LOG.log(Level.DEBUG, "billing: circuit open, lookup for {0} not sent", phone.masked());
      throw new UpstreamException(
          ErrorCode.BILLING_UNAVAILABLE,
          "Биллинг недоступен: несколько последних запросов к нему не удались, поэтому новые"
              + " запросы не отправляются в течение "
              + AgentText.seconds(config.breaker().openFor())
              + ". Повторите позже.",
          e);
    } catch (UpstreamException e) {
      LOG.log(Level.WARNING, failureLine(phone, e));
      throw e;
    }
  }

  /**
   * The WARNING a failed lookup logs: billing's text and, for a failed exchange, its technical
   * cause, both masked ({@link LogSafety#masked}) as the FreeScout adapter masks its own: billing
   * may quote a name or a phone, and an I/O error's message is not ours either.
   */
  static String failureLine(Phone phone, UpstreamException e) {
    return "billing lookup for "
        + phone.masked()
        + " failed: "
        + LogSafety.masked(e.getMessage())
        + (e.getCause() instanceof ExchangeException x
            ? " (" + LogSafety.masked(x.technical()) + ")"
            : "");
  }

  /**
   * Sends the billing URL (with the extra query and header, without a phone) and accepts any HTTP
   * answer. It does not go through the circuit breaker: it is a probe, and it reports what it sees
   * now.
   */
  @Override
  public void ping() {
    try {
      int status = send(request(withQuery(null))).status();
      if (refusesOurKey(status)) {
        throw keyRefused(status);
      }
    } catch (ExchangeException e) {
      if (e.failure() != Failure.TOO_LARGE && e.failure() != Failure.BROKEN) {
        throw failure(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  /**
   * The circuit breaker's state, in this adapter's own terms (the breaker inside is resilience4j's,
   * an implementation detail that may change).
   */
  public enum BreakerState {
    /** Lookups go to billing: the normal state. Its {@link #number()} is 0. */
    CLOSED(0),
    /**
     * Billing kept failing: lookups fail at once, without a request, with {@code
     * BILLING_UNAVAILABLE}. It stays so until the first lookup after {@code openFor} (see {@link
     * BillingConfig.Breaker}). Its {@link #number()} is 1.
     */
    OPEN(1),
    /**
     * {@code openFor} is over: the next {@code halfOpenCalls} lookups go to billing as trials and
     * decide whether it closes again or opens for another {@code openFor}. Its {@link #number()} is
     * 2.
     */
    HALF_OPEN(2);

    private final int number;

    BreakerState(int number) {
      this.number = number;
    }

    /**
     * The state as a number for a metric ({@code aida_billing_circuit_state}): 0 closed, 1 open, 2
     * half-open; fixed, whatever order the constants are declared in.
     */
    public int number() {
      return number;
    }
  }

  /** The circuit breaker's state now, e.g. for a metric or a health page. */
  public BreakerState breakerState() {
    return switch (breaker.getState()) {
      case CLOSED -> BreakerState.CLOSED;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
      case OPEN, FORCED_OPEN -> BreakerState.OPEN;
      // never reached: this adapter neither disables its breaker nor lets anyone else do so;
      // both would let every lookup through, as a closed breaker does
      case DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
    };
  }

  /** {@link #breakerState()}'s name: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
  public String circuitState() {
    return breakerState().name();
  }

  /** The lookup URI for a phone, as sent (package-visible for tests). */
  URI lookupUri(Phone phone) {
    return withQuery(config.phoneFormat().format(phone));
  }

  private List<BillingAccount> lookup(Phone phone) {
    Answer answer = exchangeWithRetry(request(lookupUri(phone)));
    int status = answer.status();
    if (status == 404) {
      return List.of();
    }
    if (status >= 300 && status <= 399) {
      throw new UpstreamException(
          ErrorCode.BILLING_UNAVAILABLE,
          "Биллинг недоступен: он перенаправляет запрос (HTTP "
              + status
              + "), а адресу переадресации ключ не передаётся. Укажите в AIDA_BILLING_URL"
              + " конечный адрес.");
    }
    if (refusesOurKey(status)) {
      throw keyRefused(status);
    }
    if (status < 200 || status > 299) {
      throw new UpstreamException(
          ErrorCode.BILLING_UNAVAILABLE,
          "Биллинг недоступен: он ответил ошибкой HTTP " + status + ". Повторите позже.");
    }
    try {
      return BillingAnswer.toDomain(answer.body(), answer.header("Content-Type"));
    } catch (BillingAnswer.UnreadableException e) {
      throw new UpstreamException(
          ErrorCode.BILLING_UNAVAILABLE,
          "Биллинг недоступен: " + e.getMessage() + " (HTTP " + status + ").",
          e);
    }
  }

  /** 401 and 403: billing refuses who we are, which no retry or wait changes. */
  private static boolean refusesOurKey(int status) {
    return status == 401 || status == 403;
  }

  private static UpstreamException keyRefused(int status) {
    return new UpstreamException(
        ErrorCode.CONFIGURATION,
        "Биллинг отказал в доступе (HTTP "
            + status
            + "): проверьте ключ в настройках AIDA_BILLING_EXTRA_HEADER или"
            + " AIDA_BILLING_EXTRA_QUERY и что биллинг принимает запросы с этого сервера.");
  }

  private Answer send(Request request) throws ExchangeException, InterruptedException {
    return BoundedExchange.send(
        request, config.connectTimeout(), config.answerTimeout(), config.maxBodyBytes());
  }

  private Answer exchangeWithRetry(Request request) {
    try {
      for (int attempt = 1; ; attempt++) {
        boolean last = attempt == 2;
        try {
          Answer answer = send(request);
          if (last || !RETRIED_STATUSES.contains(answer.status())) {
            return answer;
          }
        } catch (ExchangeException e) {
          if (last || e.failure() != Failure.CONNECT) {
            throw failure(e);
          }
        }
        Thread.sleep(config.retryDelay().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  private Request request(URI uri) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    config.extraHeader().ifPresent(h -> headers.put(h.name(), h.value()));
    return Request.get(uri, headers);
  }

  private URI withQuery(String phone) {
    String base = config.url().toString();
    StringBuilder uri = new StringBuilder(base);
    char sep = config.url().getRawQuery() == null ? '?' : '&';
    if (base.endsWith("?") || base.endsWith("&")) {
      sep = 0;
    }
    if (phone != null) {
      uri.append(sep == 0 ? "" : String.valueOf(sep)).append("phone=").append(encode(phone));
      sep = '&';
    }
    for (var e : config.extraQuery().entrySet()) {
      uri.append(sep == 0 ? "" : String.valueOf(sep))
          .append(encode(e.getKey()))
          .append('=')
          .append(encode(e.getValue()));
      sep = '&';
    }
    return URI.create(uri.toString());
  }

  /** Percent-encodes a query value: {@code +} becomes {@code %2B}, a space {@code %20}. */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private UpstreamException failure(ExchangeException e) {
    String where = config.url().getHost() + portSuffix();
    String message =
        switch (e.failure()) {
          case CONNECT ->
              "Биллинг недоступен: не удалось соединиться с " + where + ". Повторите позже.";
          case TIMEOUT ->
              "Биллинг недоступен: он не прислал ответ за "
                  + AgentText.seconds(config.answerTimeout())
                  + ". Повторите позже.";
          case TOO_LARGE ->
              "Биллинг недоступен: его ответ больше "
                  + AgentText.bytes(config.maxBodyBytes())
                  + " — это не ответ на запрос по телефону, чтение прервано.";
          case BROKEN ->
              "Биллинг недоступен: соединение оборвалось посреди ответа." + " Повторите позже.";
        };
    return new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, message, e);
  }

  private String portSuffix() {
    return config.url().getPort() < 0 ? "" : ":" + config.url().getPort();
  }

  private static UpstreamException interrupted(InterruptedException e) {
    return new UpstreamException(
        ErrorCode.BILLING_UNAVAILABLE, "Биллинг недоступен: запрос к нему был прерван.", e);
  }

  private static CircuitBreakerConfig breakerConfig(BillingConfig.Breaker b) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(b.windowCalls())
        .minimumNumberOfCalls(b.minimumCalls())
        .failureRateThreshold(b.failureRatePercent())
        .waitDurationInOpenState(b.openFor())
        .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
        .recordExceptions(UpstreamException.class)
        // a refused key is not billing being down: opening the breaker would hide it behind
        // "billing unavailable" for its whole open time
        .ignoreException(
            e -> e instanceof UpstreamException u && u.code() == ErrorCode.CONFIGURATION)
        .build();
  }

  @Override
  public String toString() {
    return "HttpBillingDirectory[" + config + "]";
  }
}
