package ru.aidabilling.http.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.core.wire.Wire;
import ru.aidabilling.http.HttpAnswer;

/**
 * {@code GET /api/v1/ping}: proves the caller's token and that both upstreams answer. 200 {@code
 * {"status":"ok","billing":"ok","freescout":"ok","requestDeadlineMs":12000}}, else a 502 problem
 * that names each upstream's state: {@code CONFIGURATION} when an upstream refused our key
 * (FreeScout's 401), otherwise {@code BILLING_UNAVAILABLE} or {@code HELPDESK_UNAVAILABLE} for the
 * one that failed. The request deadline lets a caller check that it waits longer than the service
 * may take (the FreeScout module warns when its time-out does not).
 */
public final class PingEndpoint {
  static final String BILLING = "billing";
  static final String FREESCOUT = "freescout";
  static final String REQUEST_DEADLINE_MS = "requestDeadlineMs";

  private final UpstreamHealthUseCase health;
  private final Duration requestDeadline;

  /**
   * @param requestDeadline the deadline of the service's API requests ({@code
   *     AIDA_REQUEST_DEADLINE_MS}), a sync's included
   */
  public PingEndpoint(UpstreamHealthUseCase health, Duration requestDeadline) {
    this.health = Objects.requireNonNull(health, "health");
    this.requestDeadline = Objects.requireNonNull(requestDeadline, "requestDeadline");
  }

  public HttpAnswer handle(RequestId requestId) {
    Map<String, Optional<UpstreamException>> failures = health.failures();
    Optional<UpstreamException> billing = failures.getOrDefault(BILLING, Optional.empty());
    Optional<UpstreamException> freescout = failures.getOrDefault(FREESCOUT, Optional.empty());
    if (billing.isEmpty() && freescout.isEmpty()) {
      Map<String, Object> ok = new LinkedHashMap<>();
      ok.put("status", "ok");
      ok.put(BILLING, "ok");
      ok.put(FREESCOUT, "ok");
      ok.put(REQUEST_DEADLINE_MS, requestDeadline.toMillis());
      ok.put("requestId", requestId.value());
      return Answers.json(200, ok);
    }
    ErrorCode code;
    if (isConfiguration(freescout) || isConfiguration(billing)) {
      code = ErrorCode.CONFIGURATION;
    } else if (billing.isPresent()) {
      code = ErrorCode.BILLING_UNAVAILABLE;
    } else {
      code = ErrorCode.HELPDESK_UNAVAILABLE;
    }
    StringBuilder detail = new StringBuilder();
    billing.ifPresent(e -> detail.append(named("Биллинг", e.getMessage())));
    freescout.ifPresent(
        e ->
            detail
                .append(detail.length() == 0 ? "" : detail.toString().endsWith(".") ? " " : "; ")
                .append(named("FreeScout", e.getMessage())));
    Map<String, Object> problem = Wire.problem(code, detail.toString(), requestId);
    problem.put(BILLING, billing.map(Throwable::getMessage).orElse("ok"));
    problem.put(FREESCOUT, freescout.map(Throwable::getMessage).orElse("ok"));
    return Answers.problemWithStatus(problem, code.httpStatus());
  }

  /**
   * The upstream's message, prefixed with its name unless it starts with it already: «Биллинг
   * недоступен: …», not «Биллинг: Биллинг недоступен: …» (the module shows this detail to the
   * admin).
   */
  static String named(String name, String message) {
    String text = message == null ? "" : message;
    return text.regionMatches(true, 0, name, 0, name.length()) ? text : name + ": " + text;
  }

  private static boolean isConfiguration(Optional<UpstreamException> e) {
    return e.map(
            x -> x.code() == ErrorCode.CONFIGURATION || x.code() == ErrorCode.SERVICE_AUTH_FAILED)
        .orElse(false);
  }
}
