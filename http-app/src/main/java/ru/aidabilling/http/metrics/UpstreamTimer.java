package ru.aidabilling.http.metrics;

import java.util.function.Supplier;
import ru.aidabilling.core.domain.UpstreamException;

/**
 * Times one upstream call and records its outcome: {@code ok}, the error code, or the exception.
 */
final class UpstreamTimer {
  private final Metrics metrics;
  private final String upstream;

  UpstreamTimer(Metrics metrics, String upstream) {
    this.metrics = metrics;
    this.upstream = upstream;
  }

  <T> T time(String operation, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "ok";
    try {
      return call.get();
    } catch (UpstreamException e) {
      outcome = e.code().name();
      throw e;
    } catch (RuntimeException | Error e) {
      outcome = e.getClass().getSimpleName();
      throw e;
    } finally {
      metrics.upstream(upstream, operation, outcome, System.nanoTime() - start);
    }
  }

  void run(String operation, Runnable call) {
    time(
        operation,
        () -> {
          call.run();
          return null;
        });
  }
}
