package ru.aidabilling.http.server;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.http.HttpAnswer;
import ru.aidabilling.http.UseCases;
import ru.aidabilling.http.api.AccountsEndpoint;
import ru.aidabilling.http.api.Answers;
import ru.aidabilling.http.api.Answers.FailureStyle;
import ru.aidabilling.http.api.GetBalanceEndpoint;
import ru.aidabilling.http.api.PingEndpoint;
import ru.aidabilling.http.api.ReadinessEndpoint;
import ru.aidabilling.http.api.SyncEndpoint;
import ru.aidabilling.http.api.WebhookEndpoint;
import ru.aidabilling.http.metrics.Metrics;

/** The service's route table: each path template bound to its endpoint and its rules. */
final class ApiRoutes {
  static final String SYNC = "/api/v1/customers/{id}/sync";
  static final Duration READINESS_TTL = Duration.ofSeconds(5);

  private static final String SIGNATURE = "X-FreeScout-Signature";
  private static final String EVENT = "X-FreeScout-Event";

  private ApiRoutes() {}

  /** The webhook's body, read as it arrives (FreeScout sends whole customers, notes and all). */
  private static Route.Sink delivery(
      WebhookEndpoint webhook, Route.Call head, Duration deadline, Duration budget) {
    WebhookEndpoint.Delivery delivery =
        webhook.begin(head.header(SIGNATURE), head.header(EVENT), head.requestId());
    return new Route.Sink() {
      @Override
      public void accept(byte[] piece) {
        delivery.accept(piece, 0, piece.length);
      }

      @Override
      public HttpAnswer run(Route.Call call) {
        return delivery.finish(call.writeBy(deadline, budget));
      }
    };
  }

  static List<Route> build(
      UseCases useCases, SyncEndpoint sync, ServerConfig config, Metrics metrics, Clock clock) {
    Duration deadline = config.requestDeadline();
    Duration webhookDeadline = config.webhookDeadline();
    Duration budget = config.writeBudget();
    int d504 = 504;
    AccountsEndpoint accounts = new AccountsEndpoint(useCases.lookup());
    PingEndpoint ping = new PingEndpoint(useCases.health(), deadline);
    GetBalanceEndpoint balance = new GetBalanceEndpoint(useCases.sync(), config.mapping());
    WebhookEndpoint webhook = new WebhookEndpoint(useCases.sync(), config.webhookSecret());
    ReadinessEndpoint readiness = new ReadinessEndpoint(useCases.health(), READINESS_TTL, clock);
    FailureStyle problem = FailureStyle.PROBLEM;
    return List.of(
        new Route(
            "POST",
            SYNC,
            Route.Access.TOKEN,
            problem,
            true,
            true,
            deadline,
            d504,
            c ->
                sync.handle(
                    c.params().get(0),
                    c.body(),
                    c.actor(),
                    c.requestId(),
                    c.writeBy(deadline, budget))),
        new Route(
            "GET",
            "/api/v1/billing/accounts",
            Route.Access.TOKEN,
            problem,
            false,
            true,
            deadline,
            d504,
            c -> accounts.handle(c.query().getOrDefault("phone", List.of()), c.requestId())),
        new Route(
            "GET",
            "/api/v1/ping",
            Route.Access.TOKEN,
            problem,
            false,
            true,
            deadline,
            d504,
            c -> ping.handle(c.requestId())),
        new Route(
            "POST",
            "/get_balance",
            Route.Access.TOKEN,
            FailureStyle.SEED,
            true,
            true,
            deadline,
            d504,
            c -> balance.handle(c.body(), c.actor(), c.requestId(), c.writeBy(deadline, budget))),
        new Route(
            "POST",
            "/api/v1/freescout/webhook",
            Route.Access.SIGNATURE,
            problem,
            true,
            true,
            webhookDeadline,
            503,
            c ->
                webhook.handle(
                    c.body(),
                    c.header(SIGNATURE),
                    c.header(EVENT),
                    c.requestId(),
                    c.writeBy(webhookDeadline, budget)),
            (header, rid) -> webhook.refuseBeforeBody(header.apply(SIGNATURE), rid),
            Optional.of(head -> delivery(webhook, head, webhookDeadline, budget))),
        new Route(
            "GET",
            "/healthz",
            Route.Access.PUBLIC,
            problem,
            false,
            false,
            deadline,
            d504,
            c -> Answers.json(200, Map.of("status", "alive"))),
        new Route(
            "GET",
            "/readyz",
            Route.Access.PUBLIC,
            problem,
            false,
            true,
            deadline,
            d504,
            c -> readiness.handle()),
        new Route(
            "GET",
            "/metrics",
            Route.Access.PUBLIC,
            problem,
            false,
            false,
            deadline,
            d504,
            c ->
                new HttpAnswer(
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(StandardCharsets.UTF_8))));
  }
}
