package ru.aidabilling.http.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.settings.ServiceSettings;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

/**
 * What the HTTP server needs from the settings, read and checked once at start so that a bad value
 * stops the service with a message naming the setting. {@link #toString()} never shows a token or
 * the webhook secret.
 *
 * @param tokens the accepted bearer tokens (never empty)
 * @param ratePerSecond per-token requests per second; 0 turns the limit off
 * @param queue requests allowed to wait for a worker; 0 means none wait
 * @param writeBudget the time a sync keeps back from its deadline for what follows its write (the
 *     audit record, the answer): its write must be over by the deadline less this, and starts only
 *     while at least {@link SyncCommand#MIN_WRITE_TIME} is left before then
 * @param maxConnections client connections open at once; past it the server stops accepting until
 *     one closes, and new clients wait in the kernel's listen queue
 */
public record ServerConfig(
    String host,
    int port,
    List<String> tokens,
    int ratePerSecond,
    int rateBurst,
    int workers,
    int queue,
    Duration requestDeadline,
    Duration webhookDeadline,
    int maxBodyBytes,
    Duration bodyTimeout,
    int maxConnections,
    Duration writeBudget,
    Optional<String> webhookSecret,
    MappingMode mapping,
    boolean sandbox) {

  /** What a sync keeps back from its deadline after its write: the audit record, the answer. */
  static final Duration WRITE_BUDGET = Duration.ofSeconds(1);

  /** The token sandbox mode accepts when none is set. */
  public static final String SANDBOX_TOKEN = "sandbox";

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("at least one API token is required");
    }
    webhookSecret = webhookSecret == null ? Optional.empty() : webhookSecret;
    Objects.requireNonNull(requestDeadline, "requestDeadline");
    Objects.requireNonNull(webhookDeadline, "webhookDeadline");
    Objects.requireNonNull(mapping, "mapping");
  }

  /**
   * The service's settings as {@link ServiceSettings} reads and checks them (the rules {@code
   * config check} applies too), with the webhook secret and the mapping.
   *
   * @throws SettingsException naming the setting when one is missing or wrong; without tokens
   *     unless {@code sandbox}, which then accepts {@link #SANDBOX_TOKEN}
   */
  public static ServerConfig fromSettings(Settings s, boolean sandbox) {
    ServiceSettings service = ServiceSettings.from(s, sandbox);
    List<String> tokens = service.tokens().isEmpty() ? List.of(SANDBOX_TOKEN) : service.tokens();
    return new ServerConfig(
        service.host(),
        service.port(),
        tokens,
        service.ratePerSecond(),
        service.rateBurst(),
        service.workers(),
        service.queue(),
        service.requestDeadline(),
        service.webhookDeadline(),
        service.maxBodyBytes(),
        service.bodyTimeout(),
        service.maxConnections(),
        WRITE_BUDGET,
        s.optional(Setting.FREESCOUT_WEBHOOK_SECRET),
        s.parsed(Setting.MAPPING, MappingMode::parse, "seed, full"),
        sandbox);
  }

  @Override
  public String toString() {
    return "ServerConfig[host="
        + host
        + ", port="
        + port
        + ", tokens="
        + tokens.size()
        + ", ratePerSecond="
        + ratePerSecond
        + ", rateBurst="
        + rateBurst
        + ", workers="
        + workers
        + ", queue="
        + queue
        + ", requestDeadline="
        + requestDeadline
        + ", webhookDeadline="
        + webhookDeadline
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", bodyTimeout="
        + bodyTimeout
        + ", maxConnections="
        + maxConnections
        + ", writeBudget="
        + writeBudget
        + ", webhookSecret="
        + (webhookSecret.isPresent() ? "set" : "none")
        + ", mapping="
        + mapping
        + ", sandbox="
        + sandbox
        + "]";
  }

  /**
   * Whether a deadline holds {@code writeBudget} after a write and the least time a write starts
   * with ({@link SyncCommand#MIN_WRITE_TIME}); when it does not, syncs under it write without a
   * limit.
   */
  static boolean writeFits(Duration writeBudget, Duration deadline) {
    return writeBudget.plus(SyncCommand.MIN_WRITE_TIME).compareTo(deadline) < 0;
  }

  /**
   * Whether a sync's write fits in the request deadline at all; when it does not, syncs write
   * whenever they get there (a warning at start says so).
   */
  public boolean writeFitsDeadline() {
    boolean webhookOn = webhookSecret.isPresent(); // without a secret every webhook is refused
    return writeFits(writeBudget, requestDeadline)
        && (!webhookOn || writeFits(writeBudget, webhookDeadline));
  }

  /** Tokens shorter than this are accepted, with a warning at start: they can be guessed. */
  public static final int STRONG_TOKEN_LENGTH = 32;

  /** How many of the configured tokens are shorter than {@link #STRONG_TOKEN_LENGTH}. */
  public long weakTokens() {
    return sandbox ? 0 : tokens.stream().filter(t -> t.length() < STRONG_TOKEN_LENGTH).count();
  }
}
