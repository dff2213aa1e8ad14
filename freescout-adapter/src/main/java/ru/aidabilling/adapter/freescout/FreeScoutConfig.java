package ru.aidabilling.adapter.freescout;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

/**
 * Where FreeScout is and how long to wait for it, checked once when the adapter is built so a bad
 * setting fails at start-up naming the setting. The API key is a secret: {@link #toString()} and
 * every message leave it out.
 *
 * @param baseUrl FreeScout's base URL ({@code AIDA_FREESCOUT_URL}), may include a sub-folder
 * @param apiKey the "API & Webhooks" module's key ({@code AIDA_FREESCOUT_API_KEY})
 * @param connectTimeout the limit for setting up a connection
 * @param answerTimeout the limit from sending a request to the last byte of the answer
 * @param retryDelay the pause before the one retry after a connection failure
 * @param maxBodyBytes the largest answer accepted; reading stops there
 */
public record FreeScoutConfig(
    URI baseUrl,
    String apiKey,
    Duration connectTimeout,
    Duration answerTimeout,
    Duration retryDelay,
    long maxBodyBytes) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(300);
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  public FreeScoutConfig {
    Objects.requireNonNull(baseUrl, "FreeScout URL (AIDA_FREESCOUT_URL) is required");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!baseUrl.isAbsolute()
        || !(scheme.equals("http") || scheme.equals("https"))
        || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "the FreeScout URL (AIDA_FREESCOUT_URL) must be an absolute http(s) URL with a host, e.g."
              + " https://help.example");
    }
    if (baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null
        || baseUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the FreeScout URL (AIDA_FREESCOUT_URL) must be FreeScout's base URL only, without"
              + " user, query or #fragment");
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "the FreeScout API key (AIDA_FREESCOUT_API_KEY) is required");
    }
    if (apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
      throw new IllegalArgumentException(
          "the FreeScout API key (AIDA_FREESCOUT_API_KEY) must be printable ASCII without spaces (as FreeScout shows it)");
    }
    connectTimeout =
        positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "FreeScout connect time-out");
    answerTimeout = positive(answerTimeout, DEFAULT_ANSWER_TIMEOUT, "FreeScout answer time-out");
    retryDelay = retryDelay == null ? DEFAULT_RETRY_DELAY : retryDelay;
    if (retryDelay.isNegative()) {
      throw new IllegalArgumentException("the FreeScout retry delay must not be negative");
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("the FreeScout body limit must be positive");
    }
  }

  /** The defaults of spec 10: connect 2 s, answer 5 s, retry after 300 ms, 1 MiB answers. */
  public static FreeScoutConfig of(URI baseUrl, String apiKey) {
    return new FreeScoutConfig(
        baseUrl,
        apiKey,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_ANSWER_TIMEOUT,
        DEFAULT_RETRY_DELAY,
        DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * From the apps' settings: {@code AIDA_FREESCOUT_URL}, {@code AIDA_FREESCOUT_API_KEY}, {@code
   * AIDA_FREESCOUT_CONNECT_TIMEOUT_MS}, {@code AIDA_FREESCOUT_TIMEOUT_MS}.
   *
   * @throws SettingsException naming the setting to fix
   */
  public static FreeScoutConfig fromSettings(Settings settings) {
    URI url = settings.url(Setting.FREESCOUT_URL);
    String key = settings.required(Setting.FREESCOUT_API_KEY).strip();
    Duration connect = settings.millis(Setting.FREESCOUT_CONNECT_TIMEOUT_MS, 1, 60_000);
    Duration answer = settings.millis(Setting.FREESCOUT_TIMEOUT_MS, 1, 120_000);
    try {
      return new FreeScoutConfig(
          url, key, connect, answer, DEFAULT_RETRY_DELAY, DEFAULT_MAX_BODY_BYTES);
    } catch (IllegalArgumentException e) {
      Setting culprit =
          e.getMessage().contains(Setting.FREESCOUT_API_KEY.envName())
              ? Setting.FREESCOUT_API_KEY
              : Setting.FREESCOUT_URL;
      throw new SettingsException(culprit.envName(), e.getMessage());
    }
  }

  public FreeScoutConfig withTimeouts(Duration connect, Duration answer) {
    return new FreeScoutConfig(baseUrl, apiKey, connect, answer, retryDelay, maxBodyBytes);
  }

  public FreeScoutConfig withRetryDelay(Duration delay) {
    return new FreeScoutConfig(baseUrl, apiKey, connectTimeout, answerTimeout, delay, maxBodyBytes);
  }

  /** An API path under the base URL, e.g. {@code api/customers/31}. */
  URI resolve(String pathAndQuery) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + pathAndQuery);
  }

  /** Shows what an operator checks; the key is masked. */
  @Override
  public String toString() {
    return "FreeScoutConfig[baseUrl="
        + baseUrl
        + ", apiKey=***, connectTimeout="
        + connectTimeout
        + ", answerTimeout="
        + answerTimeout
        + ", retryDelay="
        + retryDelay
        + ", maxBodyBytes="
        + maxBodyBytes
        + "]";
  }

  private static Duration positive(Duration d, Duration fallback, String what) {
    Duration v = d == null ? fallback : d;
    if (v.isZero() || v.isNegative()) {
      throw new IllegalArgumentException("the " + what + " must be positive, got " + v);
    }
    return v;
  }
}
