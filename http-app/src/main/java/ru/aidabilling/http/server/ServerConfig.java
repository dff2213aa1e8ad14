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
 * stops the service with a message naming the setting: the service's own settings ({@link
 * ServiceSettings}, whose rules {@code config check} applies too) and what the server adds. {@link
 * #toString()} never shows a token or the webhook secret.
 *
 * @param service where it listens, its limits and deadlines, as configured
 * @param tokens the accepted bearer tokens (never empty: the sandbox's own when none is set)
 * @param writeBudget the time a sync keeps back from its deadline for what follows its write (the
 *     audit record, the answer): its write must be over by the deadline less this, and starts only
 *     while at least {@link SyncCommand#MIN_WRITE_TIME} is left before then
 */
public record ServerConfig(
    ServiceSettings service,
    List<String> tokens,
    Duration writeBudget,
    Optional<String> webhookSecret,
    MappingMode mapping,
    boolean sandbox) {

  /** What a sync keeps back from its deadline after its write: the audit record, the answer. */
  static final Duration WRITE_BUDGET = Duration.ofSeconds(1);

  /** The token sandbox mode accepts when none is set. */
  public static final String SANDBOX_TOKEN = "sandbox";

  public ServerConfig {
    Objects.requireNonNull(service, "service");
    tokens = List.copyOf(tokens);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("at least one API token is required");
    }
    webhookSecret = webhookSecret == null ? Optional.empty() : webhookSecret;
    Objects.requireNonNull(writeBudget, "writeBudget");
    Objects.requireNonNull(mapping, "mapping");
  }

  /**
   * The service's settings as {@link ServiceSettings} reads and checks them, with the webhook
   * secret and the mapping.
   *
   * @throws SettingsException naming the setting when one is missing or wrong; without tokens
   *     unless {@code sandbox}, which then accepts {@link #SANDBOX_TOKEN}
   */
  public static ServerConfig fromSettings(Settings s, boolean sandbox) {
    ServiceSettings service = ServiceSettings.from(s, sandbox);
    List<String> tokens = service.tokens().isEmpty() ? List.of(SANDBOX_TOKEN) : service.tokens();
    return new ServerConfig(
        service,
        tokens,
        WRITE_BUDGET,
        s.optional(Setting.FREESCOUT_WEBHOOK_SECRET),
        s.parsed(Setting.MAPPING, MappingMode::parse, "seed, full"),
        sandbox);
  }

  public String host() {
    return service.host();
  }

  public int port() {
    return service.port();
  }

  /** Per-token requests per second; 0 turns the limit off. */
  public int ratePerSecond() {
    return service.ratePerSecond();
  }

  public int rateBurst() {
    return service.rateBurst();
  }

  /**
   * Failed bearer-token checks a client address may make a minute, and at once, before its requests
   * without a valid token are answered 429 ({@link AuthFailureThrottle}); 0 turns it off.
   */
  public int authFailuresPerMinute() {
    return service.authFailuresPerMinute();
  }

  public int workers() {
    return service.workers();
  }

  /** Requests allowed to wait for a worker; 0 means none wait. */
  public int queue() {
    return service.queue();
  }

  public Duration requestDeadline() {
    return service.requestDeadline();
  }

  public Duration webhookDeadline() {
    return service.webhookDeadline();
  }

  public int maxBodyBytes() {
    return service.maxBodyBytes();
  }

  public Duration bodyTimeout() {
    return service.bodyTimeout();
  }

  /**
   * Client connections open at once; past it the server stops accepting until one closes, and new
   * clients wait in the kernel's listen queue.
   */
  public int maxConnections() {
    return service.maxConnections();
  }

  @Override
  public String toString() {
    return "ServerConfig["
        + service
        + ", accepted tokens="
        + tokens.size()
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
    return writeFits(writeBudget, requestDeadline())
        && (!webhookOn || writeFits(writeBudget, webhookDeadline()));
  }

  /** Tokens shorter than this are accepted, with a warning at start: they can be guessed. */
  public static final int STRONG_TOKEN_LENGTH = 32;

  /** How many of the configured tokens are shorter than {@link #STRONG_TOKEN_LENGTH}. */
  public long weakTokens() {
    return tokens.stream().filter(this::isWeak).count();
  }

  /**
   * Whether a token is short enough to be guessed (the sandbox's are public anyway): while its
   * address is over its failure budget, such a token is not checked ({@link AuthFailureThrottle}).
   */
  boolean isWeak(String token) {
    return !sandbox && token.length() < STRONG_TOKEN_LENGTH;
  }
}
