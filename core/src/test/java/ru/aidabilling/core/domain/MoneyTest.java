package ru.aidabilling.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  @ParameterizedTest
  @ValueSource(strings = {"RUB", "USD", "KZT"})
  void takesAnIsoCode(String code) {
    assertEquals(code, new Money(BigDecimal.ONE, code).currency());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "RU", "RUBL", "rub", "Rub", "R1B", "РУБ", "R B", "[AB"})
  void refusesAnythingElse(String code) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Money(BigDecimal.ONE, code));
    assertTrue(e.getMessage().contains("ISO 4217"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.01", "-256.52"})
  void aNegativeAmountIsDebt(String amount) {
    assertTrue(Money.rub(amount).isDebt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.001", "-0.00", "0", "-0.004"})
  void anAmountThatShowsAsZeroIsNoDebt(String amount) {
    assertFalse(Money.rub(amount).isDebt());
    assertEquals("0.00", Money.rub(amount).plain().replace("-", ""));
  }
}
