package ru.aidabilling.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AddressTokensTest {

  private static List<String> words(String address) {
    return AddressTokens.tokenize(address).stream().map(t -> t.text).collect(Collectors.toList());
  }

  @Test
  void gluedMarkersAreCutOffByTheirDotDigitOrNumberSign() {
    assertEquals(List.of("ул.", "Ленина", "д.", "5"), words("ул.Ленина д.5"));
    assertEquals(List.of("кв", "3"), words("кв3"));
    assertEquals(List.of("№", "А"), words("№А"), "a number sign is cut off without a digit");
    assertEquals(List.of("#", "Б"), words("#Б"));
    assertEquals(List.of("Мира", "25"), words("Мира25"));
  }

  @Test
  void wordsWithoutDotDigitOrNumberSignStayWhole() {
    assertEquals(List.of("Ленина", "Волжский-Город"), words("Ленина, Волжский-Город"));
    assertEquals(List.of("ул", "Ленина"), words("ул Ленина"));
    assertEquals(List.of("ул.С.Разина"), words("«ул.С.Разина»"), "quoted: never cut");
  }
}
