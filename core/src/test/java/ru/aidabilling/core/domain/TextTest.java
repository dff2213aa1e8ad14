package ru.aidabilling.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextTest {

  /** What clean() promised before its fast path: strip(), blank as null. */
  private static String stripped(String s) {
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  @Test
  void cleanAgreesWithStripForEveryCharacterAtEitherEnd() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      for (String s :
          new String[] {String.valueOf(c), c + "Мира", "Мира" + c, c + "a" + c, "x" + c + "y"}) {
        assertEquals(stripped(s), Text.clean(s), "around " + (int) c);
      }
    }
  }

  @Test
  void blankIsNull() {
    assertNull(Text.clean(null));
    assertNull(Text.clean(""));
    assertNull(Text.clean(" \t\u2003"));
    assertEquals("\u00A0Мира", Text.clean("\u00A0Мира\u3000"), "no-break space is kept");
  }
}
