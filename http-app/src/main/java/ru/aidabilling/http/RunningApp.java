package ru.aidabilling.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import ru.aidabilling.http.metrics.Metrics;
import ru.aidabilling.http.server.AidaServer;
import ru.aidabilling.http.server.ServerConfig;

/**
 * A started service: where it listens and how to stop it. {@link #close()} stops the server
 * gracefully (in-flight requests finish) and then releases what the composition root opened, in
 * reverse order.
 */
public final class RunningApp implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger("ru.aidabilling.http");

  private final AidaServer server;
  private final ServerConfig config;
  private final Metrics metrics;
  private final List<AutoCloseable> resources;
  private volatile Map<String, String> sandboxCliSettings = Map.of();

  RunningApp(
      AidaServer server, ServerConfig config, Metrics metrics, List<AutoCloseable> resources) {
    this.server = server;
    this.config = config;
    this.metrics = metrics;
    this.resources = new ArrayList<>(resources);
  }

  public int port() {
    return server.port();
  }

  /** {@code http://host:port/} as a client reaches it. */
  public URI baseUri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  public ServerConfig config() {
    return config;
  }

  public Metrics metrics() {
    return metrics;
  }

  /**
   * In sandbox mode, the settings that point {@code aida-billing} at the same fake upstreams and
   * audit log (so that {@code undo} can be tried on what the sandbox wrote); empty otherwise.
   */
  public Map<String, String> sandboxCliSettings() {
    return sandboxCliSettings;
  }

  RunningApp withSandboxCliSettings(Map<String, String> settings) {
    this.sandboxCliSettings =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    return this;
  }

  @Override
  public void close() {
    server.close();
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.log(
            Level.WARNING,
            "closing "
                + resources.get(i).getClass().getSimpleName()
                + " failed: "
                + e.getClass().getSimpleName());
      }
    }
    resources.clear();
  }
}
