package ru.aidabilling.adapter.billing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.PhoneFormat;
import ru.aidabilling.core.outbound.BoundedExchange;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

/**
 * Everything the billing adapter needs to know, checked once when it is built so that a bad setting
 * fails at start-up with a message naming it, not at the first lookup. The extra header's value and
 * the extra query values may be API keys: {@link #toString()} never shows them.
 *
 * @param url the lookup URL ({@code AIDA_BILLING_URL}), http or https; it may carry a query of its
 *     own, to which {@code phone} and the extra parameters are appended
 * @param phoneFormat how the phone is written in the query ({@code AIDA_BILLING_PHONE_FORMAT})
 * @param extraHeader a header sent with every request, e.g. an API key
 * @param extraQuery query parameters sent with every request, in this order
 * @param connectTimeout the limit for setting up a connection
 * @param answerTimeout the limit from sending the request to the last byte of the body
 * @param retryDelay the pause before the one retry (connection failures, 502, 503, 504)
 * @param maxBodyBytes the largest answer accepted; reading stops there
 * @param breaker when to stop calling a billing that keeps failing
 */
public record BillingConfig(
    URI url,
    PhoneFormat phoneFormat,
    Optional<Header> extraHeader,
    Map<String, String> extraQuery,
    Duration connectTimeout,
    Duration answerTimeout,
    Duration retryDelay,
    long maxBodyBytes,
    Breaker breaker) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(300);
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /**
   * Headers the setting refuses besides those {@code BoundedExchange} sets or drops itself ({@link
   * BoundedExchange#ownsField}): the ones the JDK's HTTP clients dropped, which a billing API has
   * no business reading from us.
   */
  private static final java.util.Set<String> ALSO_REFUSED =
      java.util.Set.of(
          "access-control-request-headers",
          "access-control-request-method",
          "content-transfer-encoding",
          "origin",
          "via");

  public BillingConfig {
    Objects.requireNonNull(url, "billing URL (AIDA_BILLING_URL) is required");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute()
        || !(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "the billing URL (AIDA_BILLING_URL) must be an absolute http(s) URL with a host, e.g."
              + " https://billing.example/api/phone.php");
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the billing URL (AIDA_BILLING_URL) must not carry a #fragment");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the billing URL (AIDA_BILLING_URL) must not carry user:password; use the extra header"
              + " instead");
    }
    phoneFormat = phoneFormat == null ? PhoneFormat.E164 : phoneFormat;
    extraHeader = extraHeader == null ? Optional.empty() : extraHeader;
    LinkedHashMap<String, String> q = new LinkedHashMap<>();
    if (extraQuery != null) {
      extraQuery.forEach(
          (k, v) -> {
            if (k == null || k.isBlank()) {
              throw new IllegalArgumentException("an extra billing query parameter has no name");
            }
            if (k.equals("phone")) {
              throw new IllegalArgumentException(
                  "the extra billing query parameters must not set 'phone'");
            }
            q.put(k, v == null ? "" : v);
          });
    }
    extraQuery = java.util.Collections.unmodifiableMap(q);
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "billing connect time-out");
    answerTimeout = positive(answerTimeout, DEFAULT_ANSWER_TIMEOUT, "billing answer time-out");
    retryDelay = retryDelay == null ? DEFAULT_RETRY_DELAY : retryDelay;
    if (retryDelay.isNegative()) {
      throw new IllegalArgumentException("the billing retry delay must not be negative");
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("the billing body limit must be positive");
    }
    breaker = breaker == null ? Breaker.DEFAULTS : breaker;
  }

  /** The defaults of spec 10 for this URL: E.164, no extras, connect 2 s, answer 5 s, 1 MiB. */
  public static BillingConfig of(URI url) {
    return new BillingConfig(
        url,
        PhoneFormat.E164,
        Optional.empty(),
        Map.of(),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_ANSWER_TIMEOUT,
        DEFAULT_RETRY_DELAY,
        DEFAULT_MAX_BODY_BYTES,
        Breaker.DEFAULTS);
  }

  /**
   * From the apps' settings: {@code AIDA_BILLING_URL}, {@code AIDA_BILLING_PHONE_FORMAT}, {@code
   * AIDA_BILLING_EXTRA_HEADER} ({@code Name: value}), {@code AIDA_BILLING_EXTRA_QUERY} ({@code
   * k=v&k2=v2}, written plain: the adapter encodes them), {@code AIDA_BILLING_CONNECT_TIMEOUT_MS},
   * {@code AIDA_BILLING_TIMEOUT_MS}, {@code AIDA_BILLING_RETRY_DELAY_MS}. The breaker keeps its
   * defaults.
   *
   * @throws SettingsException naming the setting to fix (never showing a secret)
   */
  public static BillingConfig fromSettings(Settings settings) {
    URI url = settings.url(Setting.BILLING_URL);
    PhoneFormat format =
        settings.parsed(
            Setting.BILLING_PHONE_FORMAT,
            v -> PhoneFormat.valueOf(v.strip().toUpperCase(Locale.ROOT)),
            "E164, DIGITS11, NATIONAL8, DIGITS10");
    Optional<Header> header =
        settings.optional(Setting.BILLING_EXTRA_HEADER).map(BillingConfig::parseHeader);
    Map<String, String> query =
        settings
            .optional(Setting.BILLING_EXTRA_QUERY)
            .map(BillingConfig::parseQuery)
            .orElse(Map.of());
    Duration connect = settings.millis(Setting.BILLING_CONNECT_TIMEOUT_MS, 1, 60_000);
    Duration answer = settings.millis(Setting.BILLING_TIMEOUT_MS, 1, 120_000);
    Duration retry = settings.millis(Setting.BILLING_RETRY_DELAY_MS, 0, 10_000);
    try {
      return new BillingConfig(
          url,
          format,
          header,
          query,
          connect,
          answer,
          retry,
          DEFAULT_MAX_BODY_BYTES,
          Breaker.DEFAULTS);
    } catch (IllegalArgumentException e) {
      Setting culprit =
          e.getMessage().contains("query") ? Setting.BILLING_EXTRA_QUERY : Setting.BILLING_URL;
      throw new SettingsException(culprit.envName(), e.getMessage());
    }
  }

  private static Header parseHeader(String text) {
    String name = Setting.BILLING_EXTRA_HEADER.envName();
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new SettingsException(name, name + " must be written 'Name: value'");
    }
    try {
      return new Header(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    } catch (IllegalArgumentException e) {
      throw new SettingsException(name, name + ": " + e.getMessage());
    }
  }

  private static Map<String, String> parseQuery(String text) {
    String name = Setting.BILLING_EXTRA_QUERY.envName();
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = (eq < 0 ? pair : pair.substring(0, eq)).strip();
      if (key.isEmpty() || key.equals("phone")) {
        throw new SettingsException(
            name, name + " must be written 'k=v&k2=v2' with names other than 'phone'");
      }
      q.put(key, eq < 0 ? "" : pair.substring(eq + 1).strip());
    }
    return q;
  }

  public BillingConfig withPhoneFormat(PhoneFormat f) {
    return new BillingConfig(
        url,
        f,
        extraHeader,
        extraQuery,
        connectTimeout,
        answerTimeout,
        retryDelay,
        maxBodyBytes,
        breaker);
  }

  public BillingConfig withExtraHeader(String name, String value) {
    return new BillingConfig(
        url,
        phoneFormat,
        Optional.of(new Header(name, value)),
        extraQuery,
        connectTimeout,
        answerTimeout,
        retryDelay,
        maxBodyBytes,
        breaker);
  }

  public BillingConfig withExtraQuery(Map<String, String> query) {
    return new BillingConfig(
        url,
        phoneFormat,
        extraHeader,
        query,
        connectTimeout,
        answerTimeout,
        retryDelay,
        maxBodyBytes,
        breaker);
  }

  public BillingConfig withTimeouts(Duration connect, Duration answer) {
    return new BillingConfig(
        url,
        phoneFormat,
        extraHeader,
        extraQuery,
        connect,
        answer,
        retryDelay,
        maxBodyBytes,
        breaker);
  }

  public BillingConfig withRetryDelay(Duration delay) {
    return new BillingConfig(
        url,
        phoneFormat,
        extraHeader,
        extraQuery,
        connectTimeout,
        answerTimeout,
        delay,
        maxBodyBytes,
        breaker);
  }

  public BillingConfig withBreaker(Breaker b) {
    return new BillingConfig(
        url,
        phoneFormat,
        extraHeader,
        extraQuery,
        connectTimeout,
        answerTimeout,
        retryDelay,
        maxBodyBytes,
        b);
  }

  /** Shows the settings an operator checks; secrets (header value, query values) are masked. */
  @Override
  public String toString() {
    StringBuilder q = new StringBuilder();
    extraQuery.keySet().forEach(k -> q.append(q.length() == 0 ? "" : ",").append(k).append("=***"));
    return "BillingConfig[url="
        + safeUrl(url)
        + ", phoneFormat="
        + phoneFormat
        + ", extraHeader="
        + extraHeader.map(Header::toString).orElse("none")
        + ", extraQuery=["
        + q
        + "], connectTimeout="
        + connectTimeout
        + ", answerTimeout="
        + answerTimeout
        + ", retryDelay="
        + retryDelay
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", breaker="
        + breaker
        + "]";
  }

  /** The URL without its query (which may hold a key), for messages and logs. */
  static String safeUrl(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  private static Duration positive(Duration d, Duration fallback, String what) {
    Duration v = d == null ? fallback : d;
    if (v.isZero() || v.isNegative()) {
      throw new IllegalArgumentException("the " + what + " must be positive, got " + v);
    }
    return v;
  }

  /** An extra header sent with every billing request; its value is a secret. */
  public record Header(String name, String value) {
    public Header {
      if (name == null || !BoundedExchange.isToken(name)) {
        throw new IllegalArgumentException(
            "the extra billing header needs a valid header name (letters, digits, '-')");
      }
      if (BoundedExchange.ownsField(name) || ALSO_REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "the extra billing header must not be one the HTTP client sets itself: " + name);
      }
      Objects.requireNonNull(value, "the extra billing header needs a value");
      if (!BoundedExchange.isFieldValue(value)) {
        throw new IllegalArgumentException(
            "the extra billing header's value must not contain line breaks or other control"
                + " characters, nor characters past Latin-1 (HTTP sends it as bytes)");
      }
    }

    @Override
    public String toString() {
      return name + ": ***";
    }
  }

  /**
   * Circuit-breaker settings: after {@code minimumCalls} lookups of which {@code
   * failureRatePercent} failed (within the last {@code windowCalls}), billing is not called for
   * {@code openFor}; then {@code halfOpenCalls} trial lookups decide whether it is back.
   */
  public record Breaker(
      int windowCalls,
      int minimumCalls,
      float failureRatePercent,
      Duration openFor,
      int halfOpenCalls) {
    public static final Breaker DEFAULTS = new Breaker(10, 5, 50f, Duration.ofSeconds(30), 2);

    public Breaker {
      if (windowCalls < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
        throw new IllegalArgumentException("circuit-breaker call counts must be at least 1");
      }
      if (minimumCalls > windowCalls) {
        throw new IllegalArgumentException(
            "circuit-breaker minimum calls must not exceed the window size");
      }
      if (failureRatePercent <= 0 || failureRatePercent > 100) {
        throw new IllegalArgumentException("circuit-breaker failure rate must be in (0, 100]");
      }
      Objects.requireNonNull(openFor, "openFor");
      if (openFor.isZero() || openFor.isNegative()) {
        throw new IllegalArgumentException("circuit-breaker open time must be positive");
      }
    }
  }
}
