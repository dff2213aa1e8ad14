package ru.aidabilling.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ru.aidabilling.adapter.billing.BillingConfig;
import ru.aidabilling.adapter.billing.HttpBillingDirectory;
import ru.aidabilling.adapter.freescout.FreeScoutConfig;
import ru.aidabilling.adapter.freescout.FreeScoutCustomerDirectory;
import ru.aidabilling.core.audit.GroupCommitAuditTrail;
import ru.aidabilling.core.audit.JsonlAuditTrail;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.service.LookupAccountsService;
import ru.aidabilling.core.service.SyncCustomerService;
import ru.aidabilling.core.service.UpstreamHealthService;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.http.metrics.Metrics;
import ru.aidabilling.http.metrics.TimedBillingDirectory;
import ru.aidabilling.http.metrics.TimedCustomerDirectory;
import ru.aidabilling.http.sandbox.SandboxRoutes;
import ru.aidabilling.http.sandbox.SandboxUpstreams;
import ru.aidabilling.http.server.AidaServer;
import ru.aidabilling.http.server.SandboxMount;
import ru.aidabilling.http.server.ServerConfig;

/**
 * The composition root of http-app: the one place that builds adapters and services by hand, from
 * {@link Settings}, and starts the server. No DI container; everything is a plain constructor.
 */
public final class HttpApp {
  private HttpApp() {}

  /** The out-ports the service runs on (real adapters, or in-memory ones for tests). */
  public record Upstreams(BillingDirectory billing, CustomerDirectory customers, AuditTrail audit) {
    public Upstreams {
      Objects.requireNonNull(billing, "billing");
      Objects.requireNonNull(customers, "customers");
      Objects.requireNonNull(audit, "audit");
    }
  }

  /**
   * Starts the service with the real adapters. In sandbox mode it first starts the embedded fake
   * billing and FreeScout on loopback and points the real adapters at them (so the adapters run for
   * real), accepts the token {@code sandbox} when none is set, and mounts the sandbox's page and
   * routes; no other setting is needed then.
   *
   * @throws ru.aidabilling.core.settings.SettingsException naming a bad or missing setting
   */
  public static RunningApp start(Settings settings, boolean sandbox) {
    List<AutoCloseable> resources = new ArrayList<>();
    Optional<SandboxMount> mount = Optional.empty();
    Optional<SandboxUpstreams> sandboxFakes = Optional.empty();
    Settings s = settings;
    if (sandbox) {
      SandboxUpstreams fakes = SandboxUpstreams.start();
      sandboxFakes = Optional.of(fakes);
      resources.add(fakes);
      s =
          s.with(Setting.BILLING_URL, fakes.billingUrl().toString())
              .with(Setting.FREESCOUT_URL, fakes.freescoutUrl().toString())
              .with(Setting.FREESCOUT_API_KEY, fakes.apiKey());
      mount = Optional.of((sync, deadline) -> new SandboxRoutes(sync::sync, fakes, deadline));
    }
    try {
      ServerConfig.fromSettings(s, sandbox); // a missing token fails before any adapter is built
      HttpBillingDirectory billing = new HttpBillingDirectory(BillingConfig.fromSettings(s));
      CustomerDirectory customers = new FreeScoutCustomerDirectory(FreeScoutConfig.fromSettings(s));
      JsonlAuditTrail auditFile = JsonlAuditTrail.fromSettings(s);
      auditFile.checkWritableSetting(); // at start: a sync must never write what it cannot record
      AuditTrail fileTrail = new GroupCommitAuditTrail(auditFile);
      AuditTrail audit = sandboxFakes.map(f -> f.withAuditGap(fileTrail)).orElse(fileTrail);
      RunningApp app =
          start(s, new Upstreams(billing, customers, audit), sandbox, mount, resources);
      if (sandbox) {
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(Setting.BILLING_URL.envName(), s.required(Setting.BILLING_URL));
        cli.put(Setting.FREESCOUT_URL.envName(), s.required(Setting.FREESCOUT_URL));
        cli.put(Setting.FREESCOUT_API_KEY.envName(), s.required(Setting.FREESCOUT_API_KEY));
        cli.put(Setting.AUDIT_FILE.envName(), auditFile.file().toAbsolutePath().toString());
        app.withSandboxCliSettings(cli);
      }
      app.metrics()
          .gauge(
              "aida.billing.circuit.state",
              "Billing circuit breaker: 0 closed, 1 open, 2 half-open",
              () -> billing.breakerState().number());
      return app;
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Starts the service over the given out-ports: wraps them in timing decorators, builds the core's
   * services and the server. For tests and embedding; {@code Main} passes the real adapters.
   *
   * @throws ru.aidabilling.core.settings.SettingsException naming a bad setting
   */
  public static RunningApp start(Settings settings, Upstreams upstreams) {
    return start(settings, upstreams, false, Optional.empty(), List.of());
  }

  static RunningApp start(
      Settings settings,
      Upstreams upstreams,
      boolean sandbox,
      Optional<SandboxMount> sandboxMount,
      List<AutoCloseable> resources) {
    ServerConfig config = ServerConfig.fromSettings(settings, sandbox);
    WritePolicy policy =
        settings.parsed(Setting.WRITE_POLICY, WritePolicy::parse, "overwrite, fill-empty");
    Metrics metrics = new Metrics();
    BillingDirectory billing = new TimedBillingDirectory(upstreams.billing(), metrics);
    CustomerDirectory customers = new TimedCustomerDirectory(upstreams.customers(), metrics);
    ThreadPoolExecutor aside = asidePool(config.workers());
    List<AutoCloseable> owned = new ArrayList<>(resources);
    owned.add(aside::shutdownNow);
    UseCases useCases =
        new UseCases(
            new SyncCustomerService(
                billing,
                customers,
                upstreams.audit(),
                config.mapping(),
                policy,
                Clock.systemUTC(),
                aside),
            new LookupAccountsService(billing),
            new UpstreamHealthService(billing, customers, aside));
    AidaServer server;
    try {
      server = AidaServer.start(config, useCases, metrics, sandboxMount);
    } catch (RuntimeException e) {
      aside.shutdownNow();
      throw e;
    }
    return new RunningApp(server, config, metrics, owned);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception ignored) {
        // best effort while failing to start
      }
    }
  }

  /**
   * Side work of one request (the billing lookup run beside the customer read, the second ping):
   * never queues, and a full pool makes the service run the step on the request's own thread, so it
   * cannot deadlock against the request pool.
   */
  private static ThreadPoolExecutor asidePool(int workers) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        workers,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "aida-aside-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }
}
