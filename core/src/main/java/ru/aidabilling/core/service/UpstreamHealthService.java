package ru.aidabilling.core.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.CustomerDirectory;

/**
 * Pings billing and FreeScout (for {@code /api/v1/ping}, {@code /readyz} and {@code config check})
 * and reports each one's problem; both are always checked, side by side when given an executor, so
 * one slow upstream does not hide the other's state.
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
    CompletableFuture<String> billingProblem = aside(billing::ping);
    String freescoutProblem = problemOf(customers::ping);
    Map<String, String> result = new LinkedHashMap<>();
    result.put(BILLING, billingProblem.join());
    result.put(FREESCOUT, freescoutProblem);
    return Collections.unmodifiableMap(result);
  }

  private CompletableFuture<String> aside(Runnable ping) {
    if (executor != null) {
      try {
        return CompletableFuture.supplyAsync(() -> problemOf(ping), executor);
      } catch (RejectedExecutionException e) {
        // run it here instead
      }
    }
    return CompletableFuture.completedFuture(problemOf(ping));
  }

  /** Null when the ping passed; otherwise the upstream's own message, or the failure's type. */
  private static String problemOf(Runnable ping) {
    try {
      ping.run();
      return null;
    } catch (UpstreamException e) {
      String message = e.getMessage();
      return e.code().name()
          + ": "
          + (message == null || message.isBlank() ? e.code().title() : message);
    } catch (RuntimeException e) {
      return "unexpected failure: " + e.getClass().getSimpleName();
    }
  }
}
