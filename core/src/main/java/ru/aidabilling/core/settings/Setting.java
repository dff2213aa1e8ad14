package ru.aidabilling.core.settings;

import java.util.Locale;

/**
 * Every setting the apps read, with its fixed environment-variable name (spec 10), its default and
 * whether it is a secret (never printed). The properties-file key is derived: {@code
 * AIDA_BILLING_PHONE_FORMAT} → {@code aida.billing.phone.format}.
 */
public enum Setting {
  HTTP_HOST("AIDA_HTTP_HOST", "127.0.0.1", false, "where http-app listens"),
  HTTP_PORT("AIDA_HTTP_PORT", "8900", false, "http-app port"),
  API_TOKENS("AIDA_API_TOKENS", null, true, "comma-separated bearer tokens http-app accepts"),
  BILLING_URL("AIDA_BILLING_URL", null, false, "billing lookup URL"),
  BILLING_PHONE_FORMAT(
      "AIDA_BILLING_PHONE_FORMAT", "E164", false, "E164, DIGITS11, NATIONAL8 or DIGITS10"),
  BILLING_EXTRA_HEADER(
      "AIDA_BILLING_EXTRA_HEADER", null, true, "extra header sent to billing, 'Name: value'"),
  BILLING_EXTRA_QUERY(
      "AIDA_BILLING_EXTRA_QUERY", null, true, "extra query parameters for billing, 'k=v&k2=v2'"),
  BILLING_CONNECT_TIMEOUT_MS("AIDA_BILLING_CONNECT_TIMEOUT_MS", "2000", false, "billing connect"),
  BILLING_TIMEOUT_MS("AIDA_BILLING_TIMEOUT_MS", "5000", false, "billing whole answer"),
  BILLING_RETRY_DELAY_MS("AIDA_BILLING_RETRY_DELAY_MS", "300", false, "pause before the retry"),
  FREESCOUT_URL("AIDA_FREESCOUT_URL", null, false, "FreeScout base URL"),
  FREESCOUT_API_KEY("AIDA_FREESCOUT_API_KEY", null, true, "FreeScout API key"),
  FREESCOUT_WEBHOOK_SECRET(
      "AIDA_FREESCOUT_WEBHOOK_SECRET", null, true, "the API module's webhook secret key"),
  FREESCOUT_CONNECT_TIMEOUT_MS(
      "AIDA_FREESCOUT_CONNECT_TIMEOUT_MS", "2000", false, "FreeScout connect"),
  FREESCOUT_TIMEOUT_MS("AIDA_FREESCOUT_TIMEOUT_MS", "5000", false, "FreeScout whole answer"),
  MAPPING("AIDA_MAPPING", "seed", false, "seed or full"),
  WRITE_POLICY("AIDA_WRITE_POLICY", "overwrite", false, "overwrite or fill-empty"),
  AUDIT_FILE("AIDA_AUDIT_FILE", "aida-audit.jsonl", false, "append-only JSONL audit log"),
  RATE_LIMIT_PER_SECOND(
      "AIDA_RATE_LIMIT_PER_SECOND", "50", false, "per-token requests per second, 0 = off"),
  RATE_LIMIT_BURST("AIDA_RATE_LIMIT_BURST", "100", false, "per-token burst"),
  AUTH_FAILURES_PER_MINUTE(
      "AIDA_AUTH_FAILURES_PER_MINUTE",
      "30",
      false,
      "failed bearer-token checks a client address may make a minute, then 429; 0 = off"),
  WORKERS("AIDA_WORKERS", "64", false, "request pool size"),
  QUEUE("AIDA_QUEUE", "256", false, "requests waiting for a worker before 503"),
  REQUEST_DEADLINE_MS("AIDA_REQUEST_DEADLINE_MS", "12000", false, "whole request deadline"),
  WEBHOOK_DEADLINE_MS("AIDA_WEBHOOK_DEADLINE_MS", "25000", false, "webhook deadline"),
  MAX_BODY_BYTES("AIDA_MAX_BODY_BYTES", "65536", false, "request body limit"),
  BODY_TIMEOUT_MS(
      "AIDA_BODY_TIMEOUT_MS", "10000", false, "time a client has to send a whole request body"),
  MAX_CONNECTIONS(
      "AIDA_MAX_CONNECTIONS",
      "2000",
      false,
      "open client connections at most; more wait in the listen queue"),
  CONFIG("AIDA_CONFIG", null, false, "optional properties file");

  private final String envName;
  private final String defaultValue;
  private final boolean secret;
  private final String description;

  Setting(String envName, String defaultValue, boolean secret, String description) {
    this.envName = envName;
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.description = description;
  }

  public String envName() {
    return envName;
  }

  /** {@code AIDA_BILLING_PHONE_FORMAT} → {@code aida.billing.phone.format}. */
  public String propertyKey() {
    return envName.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The default, or null when the setting has none. */
  public String defaultValue() {
    return defaultValue;
  }

  public boolean isSecret() {
    return secret;
  }

  public String description() {
    return description;
  }
}
