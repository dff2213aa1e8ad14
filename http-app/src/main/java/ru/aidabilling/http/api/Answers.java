package ru.aidabilling.http.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.wire.Wire;
import ru.aidabilling.http.HttpAnswer;

/**
 * Turns wire maps into {@link HttpAnswer}s: JSON bodies, RFC 9457 problems with the status of the
 * code (spec 11), and the seed's {@code {"success": false, ...}} failures for {@code /get_balance}.
 * Each route picks one {@link FailureStyle}, so the server's own refusals (401, 413, 429, 503, 504)
 * take the same shape as the endpoint's.
 */
public final class Answers {
  private Answers() {}

  /** How a route's failures look on the wire. */
  public enum FailureStyle {
    /** {@code application/problem+json} (v1, ping, webhook, health). */
    PROBLEM,
    /** The seed's {@code {"success": false, "message", "code"}} ({@code /get_balance}). */
    SEED
  }

  public static HttpAnswer json(int status, Object body) {
    return new HttpAnswer(status, HttpAnswer.JSON, Json.write(body));
  }

  public static HttpAnswer problem(ErrorCode code, String detail, RequestId requestId) {
    return problemBody(code.httpStatus(), Wire.problem(code, detail, requestId));
  }

  public static HttpAnswer problem(SyncOutcome.Failed failed) {
    return problemBody(failed.code().httpStatus(), Wire.problem(failed));
  }

  /** A problem whose HTTP status differs from its code's (the webhook's 503 for redelivery). */
  public static HttpAnswer problemWithStatus(Map<String, Object> problem, int status) {
    Map<String, Object> m = new LinkedHashMap<>(problem);
    m.put("status", status);
    return problemBody(status, m);
  }

  /**
   * Every problem has the same members (spec 11's example): {@code account} is always there, null
   * unless a failed write found one, so a client reads one shape whoever made the problem.
   */
  private static HttpAnswer problemBody(int status, Map<String, Object> body) {
    Map<String, Object> m = body;
    if (!body.containsKey("account")) {
      m = new LinkedHashMap<>(body);
      m.put("account", null);
    }
    return new HttpAnswer(status, HttpAnswer.PROBLEM, Json.write(m));
  }

  /**
   * The seed's failure shape; HTTP 200 for {@code NOT_IN_BILLING} (as the seed answered), else the
   * code's status.
   */
  public static HttpAnswer seedFailure(ErrorCode code, String message, RequestId requestId) {
    return seedFailure(code, message, requestId, Optional.empty());
  }

  /**
   * A failure in the seed's shape that still carries the account billing found (a failed write, a
   * deadline before the write): the seed's {@code balance}, {@code fullname} and {@code contract},
   * and the v1 {@code account} object, so a script never loses the balance it asked for.
   */
  public static HttpAnswer seedFailure(
      ErrorCode code, String message, RequestId requestId, Optional<BillingAccount> account) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", false);
    m.put("message", message);
    m.put("code", code.name());
    m.put("requestId", requestId == null ? null : requestId.value());
    account.ifPresent(
        a -> {
          m.put("balance", a.balance() == null ? null : a.balance().plain());
          m.put("fullname", a.fullName() == null ? "" : a.fullName());
          m.put("contract", a.contract() == null ? "" : a.contract());
          m.put("account", Wire.account(a));
        });
    int status = code == ErrorCode.NOT_IN_BILLING ? 200 : code.httpStatus();
    return json(status, m);
  }

  /** A failure in the route's style. */
  public static HttpAnswer failure(
      FailureStyle style, ErrorCode code, String detail, RequestId requestId) {
    return style == FailureStyle.SEED
        ? seedFailure(code, detail, requestId)
        : problem(code, detail, requestId);
  }
}
