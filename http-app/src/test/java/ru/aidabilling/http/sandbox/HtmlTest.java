package ru.aidabilling.http.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "<img src=x onerror=alert(1)> | &lt;img src=x onerror=alert(1)&gt;",
        "a & b | a &amp; b",
        "`\" onmouseover=\"x` | `&quot; onmouseover=&quot;x`",
        "it's | it&#039;s",
        "&amp; | &amp;amp;",
        "ООО «Ромашка» | ООО «Ромашка»",
        "`` | ``"
      })
  void escapesTheFiveCharactersOfHtmlspecialchars(String in, String out) {
    assertEquals(out, Html.escape(in));
  }

  @Test
  void nullIsEmptyAndCleanTextIsReturnedAsIs() {
    assertEquals("", Html.escape(null));
    String clean = "Новичков Тарас";
    assertSame(clean, Html.escape(clean));
  }
}
