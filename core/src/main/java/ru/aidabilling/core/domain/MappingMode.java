package ru.aidabilling.core.domain;

/** How billing data maps to FreeScout fields (spec 5). */
public enum MappingMode {
  /** firstName, lastName, company = contract, zip = settlement cut to 12 characters. */
  SEED,
  /** As SEED, but settlement → city, street line → address, postcode → zip. */
  FULL;

  public static MappingMode parse(String s) {
    return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
  }
}
