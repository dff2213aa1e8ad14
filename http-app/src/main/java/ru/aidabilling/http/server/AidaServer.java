package ru.aidabilling.http.server;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.xnio.Options;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.http.UseCases;
import ru.aidabilling.http.api.Answers;
import ru.aidabilling.http.api.Answers.FailureStyle;
import ru.aidabilling.http.api.SyncEndpoint;
import ru.aidabilling.http.metrics.Metrics;

/**
 * The running Undertow server: the route table behind {@link ApiHandler} and the bounded request
 * pool. {@link #close()} stops taking requests (each is answered 503 in its route's shape), lets
 * the ones in flight finish (bounded by the longest deadline plus a second) and then stops.
 */
public final class AidaServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger("ru.aidabilling.http");
  private static final int SOCKET_TIMEOUT_MS = 30_000;

  private final Undertow undertow;
  private final ApiHandler api;
  private final RequestPool pool;
  private final Duration drain;
  private final int port;
  private boolean closed;

  private AidaServer(Undertow undertow, ApiHandler api, RequestPool pool, Duration drain) {
    this.undertow = undertow;
    this.api = api;
    this.pool = pool;
    this.drain = drain;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Starts listening on {@code config.host():config.port()} (port 0 picks a free one).
   *
   * @param sandbox mounts the sandbox's routes, only in sandbox mode
   */
  public static AidaServer start(
      ServerConfig config, UseCases useCases, Metrics metrics, Optional<SandboxMount> sandbox) {
    RequestPool pool = new RequestPool(config.workers(), config.queue());
    metrics.pool(pool.executor(), config.queue());
    UseCases logged =
        new UseCases(new LoggedSync(useCases.sync()), useCases.lookup(), useCases.health());
    SyncEndpoint sync = new SyncEndpoint(logged.sync());
    List<Route> routes = ApiRoutes.build(logged, sync, config, metrics, Clock.systemUTC());
    Optional<HttpHandler> sandboxHandler =
        sandbox.map(m -> m.mount(sandboxSync(sync, pool, config), config.requestDeadline()));
    ApiHandler api =
        new ApiHandler(
            new RouteTable(routes),
            new BearerAuth(config.tokens(), config::isWeak),
            new AuthFailureThrottle(config.authFailuresPerMinute(), System::nanoTime),
            new RateLimiter(config.ratePerSecond(), config.rateBurst(), System::nanoTime),
            pool,
            metrics,
            config.maxBodyBytes(),
            BodyBudget.forMaxBody(config.maxBodyBytes()),
            BodyBudget.forWebhook(ApiHandler.STREAMED_BODY_SHARE, config.maxConnections()),
            config.bodyTimeout(),
            sandboxHandler,
            new LingeringClose(config.maxConnections()));
    Duration longest =
        config.requestDeadline().compareTo(config.webhookDeadline()) > 0
            ? config.requestDeadline()
            : config.webhookDeadline();
    int socketTimeout = (int) Math.max(SOCKET_TIMEOUT_MS, longest.plusSeconds(5).toMillis());
    Undertow undertow =
        Undertow.builder()
            .addHttpListener(config.port(), config.host())
            .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
            .setWorkerThreads(8)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 15_000)
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
            // a client that stops sending (or reading) for 30 s (or the longest deadline + 5 s)
            // loses its connection, so a stalled body cannot hold a request open forever
            .setSocketOption(Options.READ_TIMEOUT, socketTimeout)
            .setSocketOption(Options.WRITE_TIMEOUT, socketTimeout)
            // idle connections cannot use up the process's file descriptors (which the upstream
            // calls and the audit file need too): past the cap, accepting waits for a close
            .setSocketOption(Options.CONNECTION_HIGH_WATER, config.maxConnections())
            .setSocketOption(Options.CONNECTION_LOW_WATER, config.maxConnections())
            .setHandler(api)
            .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      pool.shutdown(Duration.ZERO);
      throw e;
    }
    AidaServer server = new AidaServer(undertow, api, pool, longest.plusSeconds(1));
    LOG.info("listening on " + config.host() + ":" + server.port() + " " + config);
    if (!config.writeFitsDeadline()) {
      LOG.warning(
          "AIDA_REQUEST_DEADLINE_MS ("
              + config.requestDeadline().toMillis()
              + " ms) or AIDA_WEBHOOK_DEADLINE_MS ("
              + config.webhookDeadline().toMillis()
              + " ms) leaves less than 4 s for a sync's write and its answer: such syncs write"
              + " without a limit, and a write may land after its deadline's answer");
    }
    if (config.weakTokens() > 0) {
      LOG.warning(
          "AIDA_API_TOKENS holds "
              + config.weakTokens()
              + " token(s) shorter than "
              + ServerConfig.STRONG_TOKEN_LENGTH
              + " characters, which can be guessed; make them with 'openssl rand -hex 32' (while"
              + " an address is over AIDA_AUTH_FAILURES_PER_MINUTE, its requests with such a"
              + " token are answered 429 too)");
    }
    return server;
  }

  /**
   * The sandbox's sync: the v1 endpoint with actor {@code sandbox}, on the pool, under deadline.
   */
  private static SandboxMount.Sync sandboxSync(
      SyncEndpoint sync, RequestPool pool, ServerConfig config) {
    Actor actor = new Actor("sandbox");
    Route route =
        new Route(
            "POST",
            "/sandbox/customers/{id}/sync",
            Route.Access.PUBLIC,
            FailureStyle.PROBLEM,
            true,
            true,
            config.requestDeadline(),
            504,
            c ->
                sync.handle(
                    c.params().get(0),
                    c.body(),
                    actor,
                    c.requestId(),
                    c.writeBy(config.requestDeadline(), config.writeBudget())));
    return (id, body, rid) -> {
      Route.Call call =
          new Route.Call(
              rid, actor, List.of(id), Map.of(), Map.of(), body, java.time.Instant.now());
      return pool.call(
          () -> ApiHandler.invoke(route, call),
          route.deadline(),
          () ->
              Answers.problem(
                  ErrorCode.DEADLINE_EXCEEDED, ApiHandler.deadlineDetail(route.deadline()), rid),
          () ->
              Answers.problem(
                  ErrorCode.OVERLOADED, "Сервис перегружен; повторите через секунду", rid));
    };
  }

  public int port() {
    return port;
  }

  /** Stops accepting, lets in-flight requests finish (bounded), then stops. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    api.stopTaking();
    try {
      if (!api.awaitIdle(drain)) {
        LOG.warning("stopping with requests still in flight after " + drain.toMillis() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    undertow.stop();
    pool.shutdown(Duration.ofSeconds(2));
    LOG.info("stopped");
  }
}
