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
    if (!currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
    }
  }

  public static Money rub(BigDecimal amount) {
    return new Money(amount, RUB);
  }

  public static Money rub(String plain) {
    return new Money(new BigDecimal(plain), RUB);
  }

  public boolean isDebt() {
    return amount.signum() < 0;
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
