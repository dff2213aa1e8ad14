package ru.aidabilling.core.domain;

/** A FreeScout customer id: always positive. */
public record CustomerId(long value) {
  public CustomerId {
    if (value <= 0) {
      throw new IllegalArgumentException("customer id must be positive, got " + value);
    }
  }

  public static CustomerId of(long value) {
    return new CustomerId(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
