package ru.aidabilling.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneTest {
  @ParameterizedTest
  @ValueSource(strings = {"+79004445566", "+1234567", "+123456789012345", "+78442123456"})
  void acceptsE164(String s) {
    assertEquals(s, new Phone(s).e164());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "+",
        "79004445566",
        "+09004445566",
        "+123456",
        "+1234567890123456",
        "+7900444556a",
        "+7 9004445566",
        " +79004445566",
        "+79004445566\n",
        "++79004445566",
        "+٧٩٠٠٤٤٤٥٥٦٦"
      })
  void refusesAnythingElse(String s) {
    assertThrows(IllegalArgumentException.class, () -> new Phone(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+79004445566"})
  void masksTheMiddle(String s) {
    assertEquals("+7900*****66", new Phone(s).masked());
  }
}
