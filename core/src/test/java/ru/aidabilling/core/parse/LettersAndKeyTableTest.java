package ru.aidabilling.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LettersAndKeyTableTest {

  @Test
  void keyTableFoldsCaseYoDotsAndDashes() {
    KeyTable<Boolean> t = KeyTable.words("пгт ст-ца поселок");
    assertTrue(t.contains("п.г.т."));
    assertTrue(t.contains("ПГТ"));
    assertTrue(t.contains("ст–ца")); // en dash
    assertTrue(t.contains("посёлок"));
    assertTrue(t.contains("xx посёлок yy", 3, 10));
    assertFalse(t.contains("пгтт"));
    assertFalse(t.contains("пг"));
    assertFalse(t.contains("очень-длинное-слово-которого-нет"));
    assertFalse(t.contains(""));
  }

  @Test
  void keyTableReadsLatinLookAlikesOnlyWhenAsked() {
    assertTrue(KeyTable.words("ооо", true).contains("OOO"));
    assertFalse(KeyTable.words("ооо").contains("OOO"));
  }

  @Test
  void keyTableReturnsValuesAndRefusesUnfoldedKeys() {
    Integer one = 1;
    KeyTable<Integer> t = KeyTable.of(Map.of("ул", one, "пр-кт", 2));
    assertSame(one, t.get("Ул."));
    assertEquals(2, t.get("ПР-КТ"));
    assertNull(t.get("улица"));
    assertThrows(IllegalArgumentException.class, () -> KeyTable.of(Map.of("уЛ", 2)));
    assertThrows(IllegalArgumentException.class, () -> KeyTable.words("ёлка"));
  }

  @Test
  void collapseTrimsAndJoinsEverySpaceKind() {
    assertEquals("а б", Letters.collapse("  а \t\u00a0\u200b б \n"));
    assertEquals("а б", Letters.collapse("а б"));
    assertEquals("", Letters.collapse(" \t "));
    assertEquals("а", Letters.collapse("\u0000а\u0007"));
  }

  @Test
  void properCaseKeepsHyphenPartsAndServiceWords() {
    KeyTable<Boolean> service = KeyTable.words("на");
    assertEquals("Калач-на-Дону", Letters.properCase("КАЛАЧ-НА-ДОНУ", service));
    assertEquals("На-Дону", Letters.properCase("на-дону", service));
    assertEquals("2-я", Letters.properCase("2-Я", service));
    assertEquals("Ёлкино", Letters.properCase("ЁЛКИНО", null));
    assertEquals("Римский-Корсаков", Letters.properCase("римский-корсаков", null));
  }

  @Test
  void fastCaseRulesAgreeWithTheJdkForEveryChar() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      assertEquals(Character.toLowerCase(c), Letters.toLower(c), "toLower " + (int) c);
      assertEquals(Character.toUpperCase(c), Letters.toUpper(c), "toUpper " + (int) c);
      assertEquals(Character.isUpperCase(c), Letters.isUpper(c), "isUpper " + (int) c);
      assertEquals(Character.isLowerCase(c), Letters.isLower(c), "isLower " + (int) c);
      assertEquals(Character.isLetter(c), Letters.isLetter(c), "isLetter " + (int) c);
    }
  }

  @org.junit.jupiter.api.Test
  void latinLookAlikesArePutBackOnlyInCyrillicParts() {
    org.junit.jupiter.api.Assertions.assertEquals("Волжский", Letters.cyrillicTwins("Вoлжский"));
    String brand = "Life-Ботанический";
    org.junit.jupiter.api.Assertions.assertSame(brand, Letters.cyrillicTwins(brand));
    org.junit.jupiter.api.Assertions.assertEquals("Арт-Hall", Letters.cyrillicTwins("Арт-Hall"));
    org.junit.jupiter.api.Assertions.assertEquals(
        "Green-Сад",
        Letters.cyrillicTwins("Green-Сaд"),
        "the Cyrillic part mended, the Latin kept");
    for (String glued : new String[] {"SkyСити", "ЭкоPark", "МегаMall", "АкваMarine", "ParkХаус"}) {
      org.junit.jupiter.api.Assertions.assertSame(
          glued, Letters.cyrillicTwins(glued), "a Latin word glued to a Cyrillic one stays");
    }
  }

  @Test
  void everyLatinLookAlikeAndNoOtherCharacterHasItsCyrillicTwin() {
    String latin = "AaBCcEeHKkMOoPpTXxyY";
    String cyrillic = "АаВСсЕеНКкМОоРрТХхуУ";
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      int i = latin.indexOf(c);
      assertEquals(i < 0 ? 0 : cyrillic.charAt(i), Letters.cyrillicTwin(c), "twin of " + (int) c);
    }
  }

  @Test
  void capitalsFindLowerCaseKeysInBothKindsOfTable() {
    for (char c = 'А'; c <= 'Я'; c++) {
      String key = String.valueOf((char) (c + 32));
      assertTrue(KeyTable.words(key).contains(String.valueOf(c)), "capital " + c);
      assertTrue(KeyTable.words(key, true).contains(String.valueOf(c)), "capital " + c);
    }
    assertTrue(KeyTable.words("еж жэк", true).contains("ЁЖ"));
  }
}
