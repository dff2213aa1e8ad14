package ru.aidabilling.adapter.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.core.domain.Money;

class BalanceTextTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "256.52|256.52",
        "1 004,00|1004.00",
        "1\u00A0004,00|1004.00",
        "1\u202F004,5|1004.50",
        "-1250.5|-1250.50",
        "\u22121250,5|-1250.50",
        "15000|15000.00",
        "0|0.00",
        "0,00|0.00",
        "+10.1|10.10",
        "  12.345 |12.35",
        "256.51999999999998|256.52",
        "-1250.5000000000001|-1250.50",
        "100.00000000001|100.00",
        "-0.001|0.00",
        "1,004.00|1004.00",
        "1.004,00|1004.00",
        "1,004,000|1004000.00",
        "1.234.567,89|1234567.89",
        "100 ₽|100.00",
        "100 руб.|100.00"
      })
  void readsEveryWrittenForm(String text, String amount) {
    Money m = BalanceText.parse(text).orElseThrow();
    assertEquals(new BigDecimal(amount), m.amount(), "scale and value must match");
    assertEquals("RUB", m.currency());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "abc",
        "12abc",
        "1e5",
        "NaN",
        "Infinity",
        "1,2.3,4",
        "--5",
        "1.2.3,4",
        "12,34,56",
        "1,2345.00"
      })
  void textThatIsNoAmountGivesNoBalance(String text) {
    assertEquals(Optional.empty(), BalanceText.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "-1250.5,-1250.50",
    "256.52,256.52",
    "7,7.00",
    "0.125,0.13",
    "256.51999999999998,256.52",
    "2.5652E2,256.52"
  })
  void readsJsonNumbers(String number, String amount) {
    assertEquals(
        new BigDecimal(amount), BalanceText.of(new BigDecimal(number)).orElseThrow().amount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "1e-50", "123456789012345678901234567890", "1e-31"})
  void absurdNumbersGiveNoBalanceInsteadOfHangingOrFailing(String number) {
    assertTrue(BalanceText.of(new BigDecimal(number)).isEmpty());
  }

  /** The fast path for plain amounts answers exactly what the general reading answers. */
  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "256.52",
        "0",
        "-0",
        "+0",
        "007",
        "-1250.5",
        "+10.1",
        "12345678901234567890",
        "123456789012345678901",
        "1.1234567890",
        "1.12345678901",
        "256.51999999999998",
        "1.1234567890123456789012345678901",
        "1.",
        ".5",
        "+",
        "-",
        "+-1",
        "1.2.3",
        "1.x",
        "x1",
        "1 ",
        " 1",
        "1,5",
        "1e5",
        "-12345678901234567890.1234567890",
        "١٢",
        "１２"
      })
  void plainAmountsReadTheSameWithOrWithoutTheFastPath(String text) {
    assertEquals(BalanceText.parseWritten(text), BalanceText.parse(text));
  }
}
