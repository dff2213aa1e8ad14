package ru.aidabilling.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What FreeScout stores for a customer field. Every expected value below is the output of FreeScout
 * 1.8.235's own {@code Helper::stripTags()} (PHP 8.2) for the input, and a PUT through the API &
 * Webhooks module stores exactly that (checked on a real FreeScout: company {@code ООО
 * "<b>Ромашка</b>" <script>x</script> 01} is stored as {@code ООО "Ромашка" 01}). The
 * implementation was also compared with that function on 600 000 random strings of markup
 * characters, quotes, comments, {@code <?…?>}, {@code <!DOCTYPE} and whitespace: no difference.
 */
class StoredTextTest {
  static String[][] freeScoutStores() {
    return new String[][] {
      {"77\"<b>x</b>", "77\"x"},
      {"<img src=x onerror=alert(1)> Иванов", "Иванов"},
      {"ООО \"<b>Ромашка</b>\"", "ООО \"Ромашка\""},
      {"a < b > c", "a < b > c"},
      {"Дом 100<", "Дом 100"},
      {"<<b>b>0512", "0512"},
      {"0512<!-- old -->", "0512"},
      {"<?php echo 1; ?>0138", "0138"},
      {"<script>alert(1)</script>Тарас", "Тарас"},
      {"<style>p{}</style>Тарас", "Тарас"},
      {"<a title=\"x>y\">0138</a>", "0138"},
      {"Светлый Яр    Х", "Светлый Яр Х"},
      {"\u00a0Соляной\t\n", "Соляной"},
      {"<!DOCTYPE html>Соляной", "Соляной"},
      {"A<B", "A"},
      {"1 <2", "1"},
      {"Новичков Тарас Викторович", "Новичков Тарас Викторович"},
    };
  }

  @ParameterizedTest
  @MethodSource("freeScoutStores")
  void storesWhatFreeScoutStores(String written, String stored) {
    assertEquals(stored, StoredText.asStored(written));
  }

  @Test
  void theShortcutForPlainValuesAgreesWithTheLongWay() {
    char[] alphabet = {
      'a', 'Ж', '1', ' ', ' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\u0085', '\u180e', '-',
      '"'
    };
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 200_000; i++) {
      char[] text = new char[random.nextInt(8)];
      for (int j = 0; j < text.length; j++) {
        text[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String value = new String(text);
      assertEquals(
          StoredText.theLongWay(value), StoredText.asStored(value), () -> "[" + value + "]");
    }
  }

  @Test
  void scriptAndStyleBlocksGoAsFreeScoutsRegexRemovesThem() {
    java.util.regex.Pattern script =
        java.util.regex.Pattern.compile(
            "<script(.*?)>(.*?)</script>",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
    String[] pieces = {"<script", "<SCRIPT", "<scr", ">", "</script>", "</Script>", "x", " ", "<"};
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int j = random.nextInt(9); j > 0; j--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String value = b.toString();
      assertEquals(
          script.matcher(value).replaceAll(""),
          StoredText.withoutBlocks(value, "script"),
          () -> "[" + value + "]");
    }
  }

  @Test
  void aLongHostileValueTakesNoLongerThanItsLength() {
    // 16 KB of unclosed <script> took FreeScout's regular expression 42 s in Java
    String hostile = "<script>".repeat(1000) + "x".repeat(8000);
    String stored =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10), () -> StoredText.asStored(hostile));
    assertEquals("x".repeat(8000), stored, "no block is closed; each <script> is a tag");
  }

  @Test
  void aSettledValueIsStoredUnchangedAndALongRunOfOpenersSettlesInOnePass() {
    assertEquals("ООО Ромашка", StoredText.settled("ООО Ромашка" + " <".repeat(32_000)));
    assertEquals("a", StoredText.settled("a <\t<!--"));
    String[] pieces = {"<", ">", " ", "а", "<b>", "\t", "<!--", "-->", "\u00a0", "<?", "?>"};
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int j = random.nextInt(12); j > 0; j--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String settled = StoredText.settled(b.toString());
      if (settled != null) {
        assertEquals(settled, StoredText.asStored(settled), () -> "[" + b + "]");
      }
    }
  }

  @Test
  void nothingLeftIsNull() {
    assertNull(StoredText.asStored("<b></b>"));
    assertNull(StoredText.asStored("  "));
    assertNull(StoredText.asStored(null));
  }
}
