package ru.aidabilling.http.server;

import io.undertow.server.HttpHandler;
import java.util.function.BiFunction;
import ru.aidabilling.http.HttpAnswer;

/**
 * Builds the sandbox's own routes ({@code /} and {@code /sandbox/*}, no token) once the server can
 * hand them the v1 sync: {@code (idSegment, body) → answer}, run on the request pool under the
 * request deadline exactly as {@code POST /api/v1/customers/{id}/sync} runs.
 */
@FunctionalInterface
public interface SandboxMount {
  HttpHandler mount(BiFunction<String, byte[], HttpAnswer> sync);
}
