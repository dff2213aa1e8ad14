package ru.aidabilling.core.domain;

/** Which mapped fields a sync may write. */
public enum WritePolicy {
  /** Billing wins for every mapped field. */
  OVERWRITE,
  /** Only fields that are empty now. */
  FILL_EMPTY;

  /** Accepts {@code overwrite}, {@code fill-empty} (any case, {@code _} or {@code -}). */
  public static WritePolicy parse(String s) {
    return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
