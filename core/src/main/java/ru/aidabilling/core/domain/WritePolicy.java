package ru.aidabilling.core.domain;

/** Which mapped fields a sync may write. */
public enum WritePolicy {
  /** Billing wins for every mapped field. */
  OVERWRITE,
  /** Only fields that are empty now. */
  FILL_EMPTY;

  /**
   * Accepts {@code overwrite}, {@code fill-empty} (any case, {@code _} or {@code -}).
   *
   * @throws IllegalArgumentException naming the text and the accepted values
   */
  public static WritePolicy parse(String s) {
    String key = s == null ? "" : s.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (WritePolicy p : values()) {
      if (p.name().equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "write policy must be overwrite or fill-empty, not '" + s + "'");
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
