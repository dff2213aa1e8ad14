package ru.aidabilling.core.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.CustomerDirectory;

/**
 * Pings billing and FreeScout (for {@code /api/v1/ping}, {@code /readyz} and {@code config check})
 * and reports each one's problem; both are always checked, side by side when given an executor, so
 * one slow upstream does not hide the other's state. Unlike a sync's lookup ({@link AsideRule}),
 * the second ping goes aside however fast the upstreams were: pings are rare (a probe every few
 * seconds, an agent's button), so the hand-off costs nothing that counts, and a ping is there for
 * the moment an upstream hangs, when the other's answer must not wait for its time-out.
 */
public final class UpstreamHealthService implements UpstreamHealthUseCase {
  public static final String BILLING = "billing";
  public static final String FREESCOUT = "freescout";

  private final BillingDirectory billing;
  private final CustomerDirectory customers;
  private final Executor executor;

  public UpstreamHealthService(BillingDirectory billing, CustomerDirectory customers) {
    this(billing, customers, null);
  }

  /** {@code executor} null, or one that rejects the task, pings on the caller's thread. */
  public UpstreamHealthService(
      BillingDirectory billing, CustomerDirectory customers, Executor executor) {
    this.billing = Objects.requireNonNull(billing, "billing");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.executor = executor;
  }

  /** {@code billing} and {@code freescout}, in that order → null when reachable, else why not. */
  @Override
  public Map<String, String> check() {
    Map<String, String> result = new LinkedHashMap<>();
    failures()
        .forEach(
            (name, failure) ->
                result.put(name, failure.map(UpstreamHealthService::describe).orElse(null)));
    return Collections.unmodifiableMap(result);
  }

  /**
   * The same check keeping each failure's code (ping tells a refused key from an outage); an
   * unexpected exception becomes {@code INTERNAL}, reported by its type only.
   */
  @Override
  public Map<String, Optional<UpstreamException>> failures() {
    CompletableFuture<Optional<UpstreamException>> billingFailure = aside(billing::ping);
    Optional<UpstreamException> freescoutFailure = failureOf(customers::ping);
    Map<String, Optional<UpstreamException>> result = new LinkedHashMap<>();
    result.put(BILLING, billingFailure.join());
    result.put(FREESCOUT, freescoutFailure);
    return Collections.unmodifiableMap(result);
  }

  private CompletableFuture<Optional<UpstreamException>> aside(Runnable ping) {
    if (executor != null) {
      try {
        return CompletableFuture.supplyAsync(() -> failureOf(ping), executor);
      } catch (RejectedExecutionException e) {
        // run it here instead
      }
    }
    return CompletableFuture.completedFuture(failureOf(ping));
  }

  /** Empty when the ping passed; otherwise the upstream's failure, or one naming the type only. */
  private static Optional<UpstreamException> failureOf(Runnable ping) {
    try {
      ping.run();
      return Optional.empty();
    } catch (UpstreamException e) {
      return Optional.of(e);
    } catch (RuntimeException e) {
      return Optional.of(
          new UpstreamException(
              ErrorCode.INTERNAL, "unexpected failure: " + e.getClass().getSimpleName()));
    }
  }

  private static String describe(UpstreamException e) {
    if (e.code() == ErrorCode.INTERNAL) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return e.code().name()
        + ": "
        + (message == null || message.isBlank() ? e.code().title() : message);
  }
}
