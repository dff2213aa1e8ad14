package ru.aidabilling.http.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.http.HttpAnswer;
import ru.aidabilling.http.api.Answers.FailureStyle;

/**
 * One route of the service: method and path template (the template is what logs and metrics show,
 * never the raw path), who may call it, how its failures look, whether it reads a body, its
 * deadline and the endpoint call. The server applies everything generic; the action holds only the
 * endpoint logic.
 *
 * @param pooled false for the cheap, non-blocking routes (liveness, metrics) that answer on the I/O
 *     thread even when the pool is full
 * @param timeoutStatus the status when the deadline passes: 504, or 503 for the webhook (so that
 *     FreeScout redelivers)
 * @param stream how a route that does not hold its body reads it as it arrives (the webhook);
 *     empty: the body is read whole, up to the limit, and {@code action} gets it
 */
record Route(
    String method,
    String template,
    Access access,
    FailureStyle style,
    boolean readsBody,
    boolean pooled,
    Duration deadline,
    int timeoutStatus,
    Action action,
    Precheck precheck,
    Optional<BodyStream> stream) {

  /** A route whose request headers need no look before its body is read. */
  Route(
      String method,
      String template,
      Access access,
      FailureStyle style,
      boolean readsBody,
      boolean pooled,
      Duration deadline,
      int timeoutStatus,
      Action action) {
    this(
        method,
        template,
        access,
        style,
        readsBody,
        pooled,
        deadline,
        timeoutStatus,
        action,
        (header, rid) -> Optional.empty(),
        Optional.empty());
  }

  /** Who may call a route. */
  enum Access {
    /** Health and metrics: no token. */
    PUBLIC,
    /** A bearer token from {@code AIDA_API_TOKENS}; rate-limited per token. */
    TOKEN,
    /** The webhook: its endpoint checks the body's signature itself. */
    SIGNATURE
  }

  /** The endpoint call, run on the bounded request pool. */
  @FunctionalInterface
  interface Action {
    HttpAnswer run(Call call);
  }

  /**
   * A look at the request headers before the body is read, on the I/O thread: an answer refuses the
   * request at once (the webhook without a signature that could match never gets a share of the
   * body budget).
   */
  @FunctionalInterface
  interface Precheck {
    Optional<HttpAnswer> check(java.util.function.UnaryOperator<String> header, RequestId rid);
  }

  /**
   * Reads a body piece by piece as it arrives, holding none of it, so that its size costs no
   * memory.
   */
  @FunctionalInterface
  interface BodyStream {
    /** On the I/O thread, once the request's head passed every check: the reader of its body. */
    Sink open(Call head);
  }

  /**
   * One request's body reader; once the body is whole, it is the endpoint call, run on the pool
   * under the route's deadline.
   */
  interface Sink extends Action {
    /** The next piece of the body, in order, on the I/O thread; must not block nor keep it. */
    void accept(byte[] piece);
  }

  /**
   * One request as the endpoint sees it.
   *
   * @param params the template's {@code {…}} segments, in order
   * @param headers request headers by lower-case name (first value)
   */
  record Call(
      RequestId requestId,
      Actor actor,
      List<String> params,
      Map<String, List<String>> query,
      Map<String, String> headers,
      byte[] body,
      Instant received) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The instant a sync of this call must have its write to FreeScout over by: the deadline less
     * {@code writeBudget} (what follows the write), so that no write lands after the answer "too
     * late"; empty when the budget and the least time a write starts with do not fit in the
     * deadline (then writes have no limit, as the start-up warning says).
     */
    Optional<Instant> writeBy(Duration deadline, Duration writeBudget) {
      return ServerConfig.writeFits(writeBudget, deadline)
          ? Optional.of(received.plus(deadline).minus(writeBudget))
          : Optional.empty();
    }
  }

  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(precheck, "precheck");
    Objects.requireNonNull(stream, "stream");
  }

  /** The template's segments, e.g. {@code [api, v1, customers, {id}, sync]}. */
  List<String> segments() {
    return RouteTable.split(template);
  }
}
