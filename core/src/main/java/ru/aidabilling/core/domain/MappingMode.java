package ru.aidabilling.core.domain;

/** How billing data maps to FreeScout fields (spec 5). */
public enum MappingMode {
  /** firstName, lastName, company = contract, zip = settlement cut to 12 characters. */
  SEED,
  /** As SEED, but settlement → city, street line → address, postcode → zip. */
  FULL;

  /**
   * Accepts {@code seed} and {@code full} in any case.
   *
   * @throws IllegalArgumentException naming the text and the accepted values
   */
  public static MappingMode parse(String s) {
    String key = s == null ? "" : s.strip().toUpperCase(java.util.Locale.ROOT);
    for (MappingMode m : values()) {
      if (m.name().equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("mapping mode must be seed or full, not '" + s + "'");
  }
}
