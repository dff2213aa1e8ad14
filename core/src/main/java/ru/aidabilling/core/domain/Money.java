package ru.aidabilling.core.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** An amount of money; never a double. Negative means debt. */
public record Money(BigDecimal amount, String currency) {
  public static final String RUB = "RUB";

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (!isIsoCode(currency)) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
    }
  }

  /** Three capital Latin letters, as ISO 4217 writes a currency (no regex: one per answer). */
  private static boolean isIsoCode(String s) {
    if (s.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  public static Money rub(BigDecimal amount) {
    return new Money(amount, RUB);
  }

  public static Money rub(String plain) {
    return new Money(new BigDecimal(plain), RUB);
  }

  /** Below zero as shown (two decimals): {@code -0.001} shows as {@code 0.00} and is no debt. */
  public boolean isDebt() {
    return amount.setScale(2, RoundingMode.HALF_UP).signum() < 0;
  }

  /** The wire form: a {@code .} and exactly two decimals, e.g. {@code -1250.50}. */
  public String plain() {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money m && m.currency.equals(currency) && m.amount.compareTo(amount) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(amount.stripTrailingZeros(), currency);
  }
}
