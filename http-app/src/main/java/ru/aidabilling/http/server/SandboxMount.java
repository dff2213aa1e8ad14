package ru.aidabilling.http.server;

import io.undertow.server.HttpHandler;
import java.time.Duration;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.http.HttpAnswer;

/**
 * Builds the sandbox's own routes ({@code /} and {@code /sandbox/*}, no token) once the server can
 * hand them the v1 sync: {@code (idSegment, body, requestId) → answer}, run on the request pool
 * under the request deadline exactly as {@code POST /api/v1/customers/{id}/sync} runs, and that
 * deadline (the sandbox route's time-out, which its page tells module.js as FreeScout's page tells
 * it the module's time-out).
 */
@FunctionalInterface
public interface SandboxMount {
  HttpHandler mount(Sync sync, Duration syncDeadline);

  /** The v1 sync as the sandbox calls it. */
  @FunctionalInterface
  interface Sync {
    HttpAnswer sync(String idSegment, byte[] body, RequestId requestId);
  }
}
