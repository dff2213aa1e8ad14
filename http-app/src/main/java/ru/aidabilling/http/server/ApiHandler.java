package ru.aidabilling.http.server;

import io.undertow.io.IoCallback;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.logging.LogSafety;
import ru.aidabilling.http.HttpAnswer;
import ru.aidabilling.http.api.Answers;
import ru.aidabilling.http.api.Answers.FailureStyle;
import ru.aidabilling.http.api.BadRequest;
import ru.aidabilling.http.api.Fields;
import ru.aidabilling.http.metrics.Metrics;

/**
 * Everything every request goes through, in order: request id, route lookup (404/405), access
 * (bearer token, with a budget of failed checks per address, or public; the webhook checks its own
 * signature), actor, per-token rate limit, body limit and content type, then the endpoint on the
 * bounded pool under its deadline. Runs on Undertow's I/O thread up to the dispatch, so refusals
 * cost no worker; the body is read without blocking. Every request ends with one access-log line
 * and one metrics sample; no exception text or stack trace ever reaches the client.
 */
final class ApiHandler implements HttpHandler {
  static final HttpString X_REQUEST_ID = HttpString.tryFromString("X-Request-Id");
  static final HttpString X_AIDA_ACTOR = HttpString.tryFromString("X-Aida-Actor");
  static final HttpString RETRY_AFTER = HttpString.tryFromString("Retry-After");
  private static final String ANONYMOUS = "-";

  /**
   * The webhook's body limit. FreeScout's {@code customer.created} body is the whole customer, and
   * PHP's {@code json_encode} writes each Cyrillic letter as a 6-byte escape (each control
   * character too; a letter past U+FFFF as 12 bytes): the notes and the company are TEXT columns of
   * up to 65 535 bytes each, so 192 KiB each in Cyrillic and 384 KiB at worst. 1 MiB holds both at
   * their worst with room for the rest; a larger body cannot be a customer (413; FreeScout
   * redelivers it, to no avail). The body is read as it arrives and never held, so the limit costs
   * no memory: it bounds the time a delivery takes to read (within {@code AIDA_BODY_TIMEOUT_MS}).
   * Independent of {@code AIDA_MAX_BODY_BYTES}, which bounds the bodies the other routes hold.
   */
  static final int WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

  /**
   * The share of the webhook's budget one delivery takes while its body is read, whatever its size:
   * a receive buffer's piece in hand (Undertow's buffers are 16 KiB at most) plus the HMAC and the
   * {@code TopLevelIdReader} (under 1 KiB).
   */
  static final int STREAMED_BODY_SHARE = 32 * 1024;

  /** How long the answer to a late body may take to go out before its connection is closed. */
  private static final long CLOSE_AFTER_MS = 1_000;

  private final RouteTable routes;
  private final BearerAuth auth;
  private final AuthFailureThrottle failures;
  private final RateLimiter limiter;
  private final RequestPool pool;
  private final Metrics metrics;
  private final int maxBodyBytes;
  private final BodyBudget bodies;
  private final BodyBudget webhookBodies;
  private final Duration bodyTimeout;
  private final Optional<HttpHandler> sandbox;
  private final LingeringClose lingeringClose;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean stopping;

  ApiHandler(
      RouteTable routes,
      BearerAuth auth,
      AuthFailureThrottle failures,
      RateLimiter limiter,
      RequestPool pool,
      Metrics metrics,
      int maxBodyBytes,
      BodyBudget bodies,
      BodyBudget webhookBodies,
      Duration bodyTimeout,
      Optional<HttpHandler> sandbox,
      LingeringClose lingeringClose) {
    this.routes = routes;
    this.auth = auth;
    this.failures = failures;
    this.limiter = limiter;
    this.pool = pool;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.bodies = bodies;
    this.webhookBodies = webhookBodies;
    this.bodyTimeout = bodyTimeout;
    this.sandbox = sandbox;
    this.lingeringClose = lingeringClose;
  }

  /** What the access log and metrics need once the exchange completes. */
  private static final class Trace {
    final long start = System.nanoTime();
    final RequestId requestId;
    final String method;
    volatile String route = "unmatched";
    volatile String actor = ANONYMOUS;
    volatile boolean signed; // a signature route: its actor only once the signature passed

    Trace(RequestId requestId, String method) {
      this.requestId = requestId;
      this.method = method;
    }
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    // first, so that it runs last: a connection lingers once the exchange is logged and counted
    ex.addExchangeCompleteListener(lingeringClose);
    RequestId rid =
        Fields.requestIdHeader(ex.getRequestHeaders().getFirst(X_REQUEST_ID))
            .orElseGet(RequestId::generate);
    Trace trace = new Trace(rid, ex.getRequestMethod().toString());
    ex.getResponseHeaders().put(X_REQUEST_ID, rid.value());
    // Counted unless the server is stopping (then it is refused at once, below): a stream of
    // refusals must not keep the drain waiting.
    boolean counted = !stopping;
    if (counted) {
      inFlight.incrementAndGet();
    }
    ex.addExchangeCompleteListener(
        (done, next) -> {
          if (counted) {
            inFlight.decrementAndGet();
          }
          try {
            long nanos = System.nanoTime() - trace.start;
            AccessLog.request(
                rid.value(),
                trace.method,
                trace.route,
                done.getStatusCode(),
                nanos / 1_000_000,
                trace.signed && done.getStatusCode() == 403 ? ANONYMOUS : trace.actor);
            metrics.request(trace.route, knownMethod(trace.method), done.getStatusCode(), nanos);
          } finally {
            next.proceed();
          }
        });
    FailureStyle style = FailureStyle.PROBLEM;
    try {
      String path = ex.getRequestPath();
      if (!counted && !routes.match(trace.method, path).route().isPresent()) {
        refuseWhileStopping(ex, style, rid); // the sandbox's pages too
        return;
      }
      if (sandbox.isPresent() && (path.equals("/") || path.startsWith("/sandbox/"))) {
        trace.route = path.equals("/") ? "/" : "/sandbox/*";
        trace.actor = "sandbox";
        sandbox.get().handleRequest(ex);
        return;
      }
      RouteTable.Match match = routes.match(trace.method, path);
      if (match.route().isEmpty()) {
        if (match.allowed().isEmpty()) {
          send(
              ex,
              Answers.problem(ErrorCode.NOT_FOUND, "Нет такого адреса: " + safePath(path), rid));
        } else {
          ex.getResponseHeaders().put(Headers.ALLOW, String.join(", ", match.allowed()));
          send(
              ex,
              Answers.failure(
                  match.style(),
                  ErrorCode.METHOD_NOT_ALLOWED,
                  "Метод "
                      + trace.method
                      + " не поддерживается; допустимо: "
                      + String.join(", ", match.allowed()),
                  rid));
        }
        return;
      }
      Route route = match.route().get();
      trace.route = route.template();
      style = route.style();
      if (!counted) {
        refuseWhileStopping(ex, style, rid);
        return;
      }
      Actor actor = access(ex, route, trace);
      if (actor == null) {
        return;
      }
      if (!route.pooled()) {
        send(ex, invoke(route, route.action(), call(ex, rid, actor, match.params(), new byte[0])));
        return;
      }
      if (!route.readsBody()) {
        Route.Call call = call(ex, rid, actor, match.params(), new byte[0]);
        ex.dispatch(SameThreadExecutor.INSTANCE, () -> run(ex, route, route.action(), call));
        return;
      }
      Optional<HttpAnswer> refused =
          route.precheck().check(name -> ex.getRequestHeaders().getFirst(name), rid);
      if (refused.isPresent()) {
        ex.setPersistent(false); // the body is never read
        send(ex, refused.get());
        return;
      }
      if (!bodyAcceptable(ex, route, rid)) {
        return;
      }
      receiveBody(ex, route, rid, actor, match.params());
    } catch (Exception | Error t) {
      AccessLog.unexpected(rid.value(), trace.route, t);
      if (!ex.isResponseStarted()) {
        send(ex, Answers.failure(style, ErrorCode.INTERNAL, internalDetail(rid), rid));
      }
    }
  }

  /**
   * Reads the body within the body budget and {@code AIDA_BODY_TIMEOUT_MS}, then runs the route on
   * the pool. A request whose declared body does not fit the budget is answered 503 at once. A
   * client that asked {@code Expect: 100-continue} is told to go on only now, once its head passed
   * every check. A body that is not in by the time-out is answered 400 and its connection closed. A
   * route with a {@link Route.BodyStream} gets its body piece by piece as it arrives and holds none
   * of it: it takes a fixed share of the budget, whatever its size.
   */
  private void receiveBody(
      HttpServerExchange ex, Route route, RequestId rid, Actor actor, List<String> params) {
    int limit = bodyLimit(route);
    long declared = ex.getRequestContentLength();
    long reserved =
        route.stream().isPresent()
            ? STREAMED_BODY_SHARE
            : declared >= 0 ? declared : limit; // chunked: up to the limit
    // The webhook's callers are not known until its body is read: they get a budget of their own,
    // so unsigned traffic can never crowd out the agents' requests.
    BodyBudget budget = route.access() == Route.Access.SIGNATURE ? webhookBodies : bodies;
    if (!budget.tryTake(reserved)) {
      ex.setPersistent(false);
      send(
          ex,
          overloaded(
              ex,
              route.style(),
              rid,
              "Сервис принимает слишком много запросов сразу; повторите через секунду"));
      return;
    }
    AtomicBoolean returned = new AtomicBoolean();
    AtomicBoolean timedOut = new AtomicBoolean();
    Runnable giveBack =
        () -> {
          if (returned.compareAndSet(false, true)) {
            budget.give(reserved);
          }
        };
    ex.addExchangeCompleteListener(
        (e, next) -> {
          giveBack.run(); // also when the client goes away mid-body
          next.proceed();
        });
    ex.setMaxEntitySize(limit);
    if (HttpContinue.requiresContinueResponse(ex)) {
      // the client holds its body back until told to send it (curl: for a second, then sends)
      HttpContinue.sendContinueResponse(ex, CONTINUE_SENT);
    }
    // Until the body is in, an exchange that ends is one whose body broke. On a framing error it
    // sees (a chunk size past its limit) Undertow closes the connection itself and the exchange
    // ends before the error callback below runs: the log and the metrics must not say 200.
    ex.setStatusCode(StatusCodes.BAD_REQUEST);
    Receiver receiver = ex.getRequestReceiver();
    receiver.setMaxBufferSize(limit);
    Receiver.ErrorCallback failed =
        (e, error) -> {
          if (timedOut.get()) {
            return;
          }
          giveBack.run();
          bodyFailed(e, route.style(), rid, limit, error);
        };
    if (route.stream().isPresent()) {
      Route.Sink sink = route.stream().get().open(call(ex, rid, actor, params, new byte[0]));
      long[] received = {0}; // on this exchange's I/O thread only
      AtomicBoolean tooLarge = new AtomicBoolean();
      receiver.receivePartialBytes(
          (e, piece, last) -> {
            if (timedOut.get() || tooLarge.get()) {
              return; // answered already; what came after is not this request's body
            }
            received[0] += piece.length;
            if (received[0] > limit) {
              // a chunked body past the limit (reading piece by piece, Undertow does not stop it)
              tooLarge.set(true);
              e.getRequestReceiver().pause();
              giveBack.run();
              bodyFailed(e, route.style(), rid, limit, new Receiver.RequestToLargeException());
              return;
            }
            sink.accept(piece);
            if (last) {
              e.setStatusCode(StatusCodes.OK); // the endpoint's answer sets its own
              giveBack.run();
              Route.Call call = call(e, rid, actor, params, new byte[0]);
              e.dispatch(SameThreadExecutor.INSTANCE, () -> run(e, route, sink, call));
            }
          },
          (e, error) -> {
            if (!tooLarge.get()) {
              failed.error(e, error);
            }
          });
    } else {
      receiver.receiveFullBytes(
          (e, bytes) -> {
            if (timedOut.get()) {
              return; // answered already (time-out); what came after is not this request's body
            }
            e.setStatusCode(StatusCodes.OK); // the endpoint's answer sets its own
            giveBack.run();
            Route.Call call = call(e, rid, actor, params, bytes);
            e.dispatch(SameThreadExecutor.INSTANCE, () -> run(e, route, route.action(), call));
          },
          failed);
    }
    if (!returned.get()) {
      // Not all in yet (usually it is, and the callback above has already run). A body trickled
      // in a byte at a time, or cut short, would hold its share of the budget for ever (the
      // socket's read time-out restarts with every byte): past AIDA_BODY_TIMEOUT_MS it is answered
      // 400 and the connection closed. Both run on this I/O thread, so the check above cannot race
      // the callback.
      XnioExecutor.Key timer =
          ex.getIoThread()
              .executeAfter(
                  () -> {
                    if (!returned.get()) {
                      timedOut.set(true);
                      giveBack.run();
                      bodyTimedOut(ex, route.style(), rid);
                    }
                  },
                  bodyTimeout.toMillis(),
                  TimeUnit.MILLISECONDS);
      ex.addExchangeCompleteListener(
          (e, next) -> {
            timer.remove();
            next.proceed();
          });
    }
  }

  /** Once the {@code 100 Continue} is out there is nothing to do; a failure closes the line. */
  private static final IoCallback CONTINUE_SENT =
      new IoCallback() {
        @Override
        public void onComplete(HttpServerExchange ex, io.undertow.io.Sender sender) {
          // the body follows; the receiver is already waiting for it
        }

        @Override
        public void onException(
            HttpServerExchange ex, io.undertow.io.Sender sender, IOException error) {
          IoUtils.safeClose(ex.getConnection());
        }
      };

  /**
   * The body did not arrive whole within {@code AIDA_BODY_TIMEOUT_MS}: 400 VALIDATION, as a problem
   * (or the seed's failure) when nothing was sent yet, and the connection is closed; the access log
   * and the metrics show the 400 either way.
   */
  private void bodyTimedOut(HttpServerExchange ex, FailureStyle style, RequestId rid) {
    ex.setPersistent(false);
    if (ex.isResponseStarted()) {
      IoUtils.safeClose(ex.getConnection());
      return;
    }
    // 400 VALIDATION, as spec 11 maps the code (not 408, which some clients repeat on their own)
    ex.setStatusCode(StatusCodes.BAD_REQUEST);
    try {
      send(
          ex,
          Answers.failure(
              style,
              ErrorCode.VALIDATION,
              "Тело запроса не пришло целиком за " + bodyTimeout.toMillis() + " мс",
              rid));
    } finally {
      // the answer needs a moment to go out; a client that reads nothing cannot keep the line
      ex.getIoThread()
          .executeAfter(
              () -> IoUtils.safeClose(ex.getConnection()), CLOSE_AFTER_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** The largest body a route takes: the webhook's, read as it arrives, is larger. */
  private int bodyLimit(Route route) {
    return route.access() == Route.Access.SIGNATURE ? WEBHOOK_MAX_BODY_BYTES : maxBodyBytes;
  }

  /**
   * Stops taking requests: each one that arrives from now on is answered 503 {@code OVERLOADED} in
   * its route's shape, with {@code Retry-After} and its request id, and its connection is closed.
   */
  void stopTaking() {
    stopping = true;
  }

  /** Waits until no request is in flight, up to {@code limit}; false when some still are. */
  boolean awaitIdle(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private void refuseWhileStopping(HttpServerExchange ex, FailureStyle style, RequestId rid) {
    ex.setPersistent(false);
    ex.getResponseHeaders().put(RETRY_AFTER, "5");
    send(
        ex,
        Answers.failure(
            style,
            ErrorCode.OVERLOADED,
            "Сервис перезапускается; повторите через несколько секунд",
            rid));
  }

  /** Checks the route's access rule; answers and returns null when the request may not go on. */
  private Actor access(HttpServerExchange ex, Route route, Trace trace) {
    RequestId rid = trace.requestId;
    switch (route.access()) {
      case PUBLIC:
        return new Actor("anonymous");
      case SIGNATURE:
        trace.actor = Actor.WEBHOOK.value();
        trace.signed = true;
        return Actor.WEBHOOK;
      case TOKEN:
      default:
        break;
    }
    HeaderValues authorizations = ex.getRequestHeaders().get(Headers.AUTHORIZATION);
    String authorization = authorizations == null ? null : authorizations.getFirst();
    // Authorization is a single-valued field: with two, which one counted would depend on who
    // reads them (a proxy, this service), so neither does.
    Optional<BearerAuth.TokenId> token =
        authorizations != null && authorizations.size() > 1
            ? Optional.empty()
            : auth.authenticate(authorization);
    if (throttled(ex, route, rid, token)) {
      return null;
    }
    if (token.isEmpty()) {
      ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"aida-billing\"");
      send(
          ex,
          Answers.failure(
              route.style(),
              ErrorCode.UNAUTHORIZED,
              authorization == null
                  ? "Нужен заголовок Authorization: Bearer <токен>"
                  : authorizations.size() > 1
                      ? "Заголовок Authorization повторён; нужен один"
                      : "Токен не принят",
              rid));
      return null;
    }
    trace.actor = token.get().actor();
    Actor actor;
    try {
      HeaderValues actors = ex.getRequestHeaders().get(X_AIDA_ACTOR);
      if (actors != null && actors.size() > 1) {
        throw new BadRequest("Заголовок X-Aida-Actor повторён; нужен один");
      }
      actor =
          Fields.actorHeader(actors == null ? null : actors.getFirst())
              .orElseGet(() -> new Actor(token.get().actor()));
    } catch (BadRequest e) {
      send(ex, Answers.failure(route.style(), ErrorCode.VALIDATION, e.getMessage(), rid));
      return null;
    }
    trace.actor = actor.value();
    long wait = limiter.acquire(token.get().hex());
    if (wait > 0) {
      tooMany(ex, route, rid, wait, "Слишком много запросов с этим токеном");
      return null;
    }
    return actor;
  }

  /** 429 with {@code Retry-After}: the reason, then when to try again. */
  private void tooMany(HttpServerExchange ex, Route route, RequestId rid, long wait, String why) {
    ex.getResponseHeaders().put(RETRY_AFTER, Long.toString(wait));
    send(
        ex,
        Answers.failure(
            route.style(), ErrorCode.RATE_LIMITED, why + "; повторите через " + wait + " с", rid));
  }

  /**
   * Answers 429 and returns true when the request's address has spent its budget of failed token
   * checks ({@link AuthFailureThrottle}); counts the failure when the token did not pass. A token
   * that cannot be guessed is served whatever its address did; a guessable one is refused unchecked
   * while the budget is spent, so that the answer tells a guesser nothing.
   */
  private boolean throttled(
      HttpServerExchange ex, Route route, RequestId rid, Optional<BearerAuth.TokenId> token) {
    if (token.isPresent() && !token.get().guessable()) {
      return false;
    }
    String client = AuthFailureThrottle.clientOf(ex.getSourceAddress());
    long wait;
    if (token.isEmpty()) {
      AuthFailureThrottle.Verdict v = failures.failed(client);
      wait = v.retryAfter();
      metrics.authFailed(wait > 0);
      if (v.startedNow()) {
        AccessLog.note(
            rid.value(),
            "bearer-token checks failing from "
                + client
                + " past AIDA_AUTH_FAILURES_PER_MINUTE: its requests without a valid token are"
                + " answered 429 until it slows down");
      }
    } else {
      wait = failures.overBudget(client);
      if (wait > 0) {
        metrics.authFailed(true);
      }
    }
    if (wait == 0) {
      return false;
    }
    tooMany(ex, route, rid, wait, "Слишком много неудачных проверок токена с этого адреса");
    return true;
  }

  /** Refuses a declared body over the limit (413) or of a clearly wrong type (415) up front. */
  private boolean bodyAcceptable(HttpServerExchange ex, Route route, RequestId rid) {
    long length = ex.getRequestContentLength();
    if (length > bodyLimit(route)) {
      sendTooLarge(ex, route.style(), rid, bodyLimit(route));
      return false;
    }
    String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    // The webhook is checked by its signature; /get_balance, like the seed's service, reads the
    // body as JSON whatever its type (curl -d sends a form type); the rest want JSON said.
    Optional<String> refusal =
        route.access() != Route.Access.SIGNATURE && route.style() != FailureStyle.SEED
            ? MediaType.refusal(type)
            : Optional.empty();
    if (refusal.isPresent()) {
      send(
          ex, Answers.failure(route.style(), ErrorCode.UNSUPPORTED_MEDIA_TYPE, refusal.get(), rid));
      return false;
    }
    return true;
  }

  private void bodyFailed(
      HttpServerExchange ex, FailureStyle style, RequestId rid, int limit, IOException e) {
    if (e instanceof RequestTooBigException || e instanceof Receiver.RequestToLargeException) {
      sendTooLarge(ex, style, rid, limit);
    } else {
      // broken framing (a bad chunk, a body cut short): say so if the client is still there
      ex.setPersistent(false);
      if (ex.isResponseStarted()) {
        ex.endExchange();
      } else {
        send(
            ex,
            Answers.failure(
                style, ErrorCode.VALIDATION, "Тело запроса оборвано или повреждено", rid));
      }
    }
  }

  private static void sendTooLarge(
      HttpServerExchange ex, FailureStyle style, RequestId rid, int limit) {
    ex.setPersistent(false);
    send(
        ex,
        Answers.failure(
            style, ErrorCode.PAYLOAD_TOO_LARGE, "Тело запроса больше " + limit + " байт", rid));
  }

  /** On the I/O thread, after dispatch: hands the endpoint to the pool under its deadline. */
  private void run(HttpServerExchange ex, Route route, Route.Action action, Route.Call call) {
    RequestId rid = call.requestId();
    boolean accepted =
        pool.submit(
            () -> invoke(route, action, call),
            route.deadline(),
            () -> {
              metrics.deadlineExceeded(route.template());
              return late(route, rid);
            },
            () -> overloaded(ex, route.style(), rid, "Сервис перегружен; повторите через секунду"),
            answer -> sendFromIoThread(ex, answer));
    if (!accepted) {
      AccessLog.note(rid.value(), "refused: request queue full");
    }
  }

  /** A 503 OVERLOADED with {@code Retry-After: 1}, counted on {@code /metrics}. */
  private HttpAnswer overloaded(
      HttpServerExchange ex, FailureStyle style, RequestId rid, String detail) {
    metrics.overloaded();
    ex.getResponseHeaders().put(RETRY_AFTER, "1");
    return Answers.failure(style, ErrorCode.OVERLOADED, detail, rid);
  }

  /** Runs the endpoint; maps the failures every endpoint shares. Never throws. */
  static HttpAnswer invoke(Route route, Route.Call call) {
    return invoke(route, route.action(), call);
  }

  /**
   * Runs {@code action} (the route's, or its body stream's) as {@link #invoke(Route, Route.Call)}.
   */
  static HttpAnswer invoke(Route route, Route.Action action, Route.Call call) {
    RequestId rid = call.requestId();
    try {
      return action.run(call);
    } catch (BadRequest e) {
      return Answers.failure(route.style(), ErrorCode.VALIDATION, e.getMessage(), rid);
    } catch (UpstreamException e) {
      return Answers.failure(route.style(), e.code(), e.getMessage(), rid);
    } catch (RuntimeException | Error t) {
      AccessLog.unexpected(rid.value(), route.template(), t);
      return Answers.failure(route.style(), ErrorCode.INTERNAL, internalDetail(rid), rid);
    }
  }

  private static HttpAnswer late(Route route, RequestId rid) {
    String detail = deadlineDetail(route.deadline());
    if (route.timeoutStatus() == ErrorCode.DEADLINE_EXCEEDED.httpStatus()) {
      return Answers.failure(route.style(), ErrorCode.DEADLINE_EXCEEDED, detail, rid);
    }
    return Answers.problemWithStatus(
        ru.aidabilling.core.wire.Wire.problem(ErrorCode.DEADLINE_EXCEEDED, detail, rid),
        route.timeoutStatus());
  }

  /** The 504 detail the support agent reads: seconds the Russian way, «12 с» and not «12000 мс». */
  static String deadlineDetail(java.time.Duration deadline) {
    java.math.BigDecimal seconds =
        java.math.BigDecimal.valueOf(deadline.toMillis(), 3).stripTrailingZeros();
    String text =
        seconds.scale() <= 0 ? seconds.toBigInteger().toString() : seconds.toPlainString();
    return "Запрос не уложился в " + text.replace('.', ',') + "\u00a0с; повторите позже";
  }

  static String internalDetail(RequestId rid) {
    return "Внутренняя ошибка сервиса; сообщите номер запроса " + rid.value();
  }

  private static Route.Call call(
      HttpServerExchange ex, RequestId rid, Actor actor, List<String> params, byte[] body) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (Map.Entry<String, Deque<String>> q : ex.getQueryParameters().entrySet()) {
      query.put(q.getKey(), List.copyOf(q.getValue()));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (HeaderValues h : ex.getRequestHeaders()) {
      headers.put(h.getHeaderName().toString().toLowerCase(Locale.ROOT), h.getFirst());
    }
    return new Route.Call(
        rid, actor, new ArrayList<>(params), query, headers, body, java.time.Instant.now());
  }

  /**
   * Sends the answer from the connection's I/O thread. An exchange that ends on another thread
   * hands the connection back to Undertow through a compare-and-set that the I/O thread spins on
   * when the client's next request arrives first; on a busy machine the worker gets descheduled in
   * between and the I/O thread spins for the rest of its time slice.
   */
  private static void sendFromIoThread(HttpServerExchange ex, HttpAnswer answer) {
    if (ex.isInIoThread()) {
      send(ex, answer);
    } else {
      ex.getIoThread().execute(() -> send(ex, answer));
    }
  }

  /**
   * Sends the answer. One given before a declared body was read (a refusal: 401, 404, 405, 413,
   * 415, 429…) closes the connection: kept open, Undertow would read and drop that body with none
   * of the body rules (no time-out, no budget), and a client trickling it would hold the
   * connection. It closes lingering ({@link LingeringClose}), so that a client still sending its
   * body reads the answer rather than a reset.
   */
  static void send(HttpServerExchange ex, HttpAnswer answer) {
    if (!ex.isRequestComplete()) {
      LingeringClose.mark(ex);
    }
    ex.setStatusCode(answer.status());
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, answer.contentType());
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    ex.getResponseSender().send(ByteBuffer.wrap(answer.body()));
  }

  /** Metrics label: the standard methods, anything else as OTHER (bounded label values). */
  private static String knownMethod(String method) {
    return switch (method) {
      case "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH" -> method;
      default -> "OTHER";
    };
  }

  private static String safePath(String path) {
    String p = path.length() > 80 ? path.substring(0, 80) : path;
    StringBuilder printable = new StringBuilder(p.length());
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      printable.append(c >= 0x20 && c <= 0x7E ? c : '?');
    }
    if (path.length() > 80) {
      printable.append('…'); // after the filter: the body is UTF-8 JSON, so it shows as itself
    }
    return LogSafety.maskPhones(printable.toString());
  }
}
