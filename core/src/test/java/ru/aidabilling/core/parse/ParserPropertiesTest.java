package ru.aidabilling.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.Phone;

/**
 * Properties every parser keeps for any input at all: it never throws, never returns an empty or
 * untrimmed string, never returns a text field longer than its input, and proper-cases person
 * names. Inputs are random Unicode, control characters, very long strings and — to reach the deep
 * paths — random mixes of the words addresses and names are made of.
 */
class ParserPropertiesTest {

  private static final Set<String> TURKIC =
      Set.of("оглы", "кызы", "улы", "уулу", "гызы", "оглу", "угли", "кизи");

  // ------------------------------------------------------------------ inputs

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(50),
        Arbitraries.strings()
            .withCharRange('\u0400', '\u04ff')
            .withChars(" .,-/\"«»()№'\t")
            .withCharRange('0', '9')
            .ofMaxLength(120),
        wordSoup());
  }

  /** Random sequences of the pieces real names, addresses and phones are made of. */
  @Provide
  Arbitrary<String> wordSoup() {
    Arbitrary<String> word =
        Arbitraries.of(
            "г",
            "г.",
            "город",
            "п",
            "пос.",
            "поселок",
            "пгт",
            "п.г.т.",
            "р.п.",
            "р",
            "п.",
            "т.",
            "с",
            "с.",
            "село",
            "д",
            "д.",
            "дер.",
            "х",
            "хут.",
            "ст-ца",
            "снт",
            "СНТ",
            "ДНТ",
            "садовое",
            "товарищество",
            "ул",
            "ул.",
            "улица",
            "пр-кт",
            "просп.",
            "пер.",
            "наб",
            "Набережная",
            "б-р",
            "пл.",
            "пр-д",
            "туп",
            "ш",
            "мкр.",
            "мкрн",
            "д.",
            "дом",
            "корп.",
            "к.",
            "к",
            "стр.",
            "кв.",
            "квартира",
            "оф.",
            "пом.",
            "уч.",
            "участок",
            "№",
            "обл.",
            "область",
            "край",
            "респ.",
            "АО",
            "р-н",
            "район",
            "м.р-н",
            "Россия",
            "Волгоград",
            "Светлый",
            "ЯР",
            "им.",
            "В.И.",
            "Ленина",
            "Мира",
            "Калач-на-Дону",
            "«Строитель»",
            "\"",
            "«",
            "»",
            ",",
            ",",
            ";",
            "-",
            "—",
            "(",
            ")",
            ".",
            "/",
            "15",
            "15-3",
            "5к2",
            "8/1",
            "12А",
            "41а",
            "404171",
            "5-я",
            "0",
            "1",
            "ул.Ленина",
            "д.5",
            "кв3",
            "Иванов",
            "ИВАН",
            "иванович",
            "Петровна",
            "оглы",
            "кызы",
            "И.",
            "И.И.",
            "ИП",
            "ООО",
            "Ромашка",
            "тест",
            "нет",
            "+7",
            "8",
            "(900)",
            "444-55-66",
            "доб.",
            "ext",
            "x",
            "тел.",
            "abc",
            "Ё",
            "ё",
            "\t",
            "\u00a0",
            "\u200b",
            "\u0000");
    Arbitrary<String> separator = Arbitraries.of(" ", " ", "", ", ", ".", "  ");
    return Combinators.combine(word.list().ofMaxSize(24), separator.list().ofSize(24))
        .as(
            (words, seps) -> {
              StringBuilder b = new StringBuilder();
              for (int i = 0; i < words.size(); i++) {
                b.append(words.get(i)).append(seps.get(i));
              }
              return b.toString();
            });
  }

  // ------------------------------------------------------------- properties

  @Property(tries = 3000)
  void nameParserKeepsItsPromises(@ForAll("anyText") String in) {
    checkName(in, NameParser.parse(in));
  }

  @Property(tries = 3000)
  void addressParserKeepsItsPromises(@ForAll("anyText") String in) {
    checkAddress(in, AddressParser.parse(in));
  }

  @Property(tries = 3000)
  void phoneParserKeepsItsPromises(@ForAll("anyText") String in) {
    checkPhone(in, PhoneParser.parse(in));
  }

  @Property(tries = 300)
  void controlCharactersNeverBreakAnything(
      @ForAll @CharRange(from = '\u0000', to = '\u001f') @StringLength(max = 40) String junk,
      @ForAll("wordSoup") String soup) {
    String in = soup + junk + soup;
    checkName(in, NameParser.parse(in));
    checkAddress(in, AddressParser.parse(in));
    checkPhone(in, PhoneParser.parse(in));
  }

  @Property(tries = 20)
  void veryLongInputs(@ForAll("wordSoup") String soup) {
    StringBuilder b = new StringBuilder(10_050);
    while (b.length() < 10_000) {
      b.append(soup).append(' ').append("ул. Мира 15-3, ");
    }
    String in = b.substring(0, 10_000);
    checkName(in, NameParser.parse(in));
    checkAddress(in, AddressParser.parse(in));
    checkPhone(in, PhoneParser.parse(in));
  }

  @Example
  void tenThousandCharactersOfOneKind() {
    for (char c : new char[] {'a', 'Я', '1', ' ', '.', ',', '-', '«', '"', '\u0000', '\uffff'}) {
      String in = String.valueOf(c).repeat(10_000);
      checkName(in, NameParser.parse(in));
      checkAddress(in, AddressParser.parse(in));
      checkPhone(in, PhoneParser.parse(in));
    }
    String quotes = "«".repeat(5_000) + "»".repeat(5_000);
    checkAddress(quotes, AddressParser.parse(quotes));
  }

  /**
   * Glued markers repeated over 256 KiB (billing answers up to 1 MiB, parse --jsonl lines too):
   * each cut used to rescan the rest of its chunk, so 64 KiB of "г." took 20 s and this would take
   * minutes. Linear, it takes well under a second; the bound only catches the square.
   */
  @Example
  void gluedMarkersRepeatedOverAQuarterMebibyteAreReadInLinearTime() {
    for (String unit : List.of("г.", "Г.", "с.", "д.", "г..", "ул.г.5,", "д.№", "г")) {
      String in = unit.repeat((256 << 10) / unit.length());
      assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(20),
          () -> checkAddress(in, AddressParser.parse(in)),
          "unit " + unit);
    }
    String dots = "г" + ".".repeat(256 << 10);
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> checkAddress(dots, AddressParser.parse(dots)));
  }

  @Example
  void surrogatePairsAndOddUnicode() {
    for (String in :
        List.of(
            "Иванов 😀 Иван",
            "\ud83d",
            "ул. \udc00 Мира",
            "г. 東京, ул. Мира 5",
            "Ǆǅǆ ﬀ ß",
            "İstanbul ул. Мира",
            "\u0301\u0301",
            "ул. Мира, д. ５")) {
      checkName(in, NameParser.parse(in));
      checkAddress(in, AddressParser.parse(in));
      checkPhone(in, PhoneParser.parse(in));
    }
  }

  // ---------------------------------------------------------------- checks

  private static void checkName(String in, ParsedName n) {
    assertNotNull(n);
    assertNotNull(n.kind());
    List<String> fields = new ArrayList<>();
    fields.add(n.last());
    fields.add(n.first());
    fields.add(n.middle());
    fields.add(n.org());
    for (String f : fields) {
      checkText(in, f);
    }
    switch (n.kind()) {
      case PERSON -> {
        assertEquals(null, n.org());
        assertTrue(n.last() != null || n.first() != null, "a person without a name: " + n);
        for (String f :
            java.util.stream.Stream.of(n.last(), n.first(), n.middle())
                .filter(x -> x != null)
                .toList()) {
          assertProperCase(f, in);
        }
      }
      case ORGANIZATION -> {
        assertNotNull(n.org());
        assertEquals(null, n.last());
        assertEquals(null, n.first());
        assertEquals(null, n.middle());
      }
      case UNKNOWN -> assertEquals(ParsedName.UNKNOWN, n);
    }
  }

  /**
   * Each word of a person's name: capital then lower case, per hyphen part; initials "И."; оглы.
   */
  private static void assertProperCase(String field, String in) {
    for (String word : field.split(" ")) {
      if (TURKIC.contains(word)) {
        continue;
      }
      String[] parts = word.split("-", -1);
      for (int p = 0; p < parts.length; p++) {
        String part = parts[p];
        assertTrue(!part.isEmpty(), "empty part in " + field + " from " + in);
        if (p > 0 && TURKIC.contains(part)) {
          continue;
        }
        assertTrue(
            Character.isUpperCase(part.charAt(0)), "not capitalised: " + field + " from " + in);
        for (int i = 1; i < part.length(); i++) {
          char c = part.charAt(i);
          boolean afterParticle = i == 2 && (part.charAt(1) == '\'' || part.charAt(1) == '’');
          assertTrue(
              !Character.isUpperCase(c)
                  || afterParticle && (Character.isLetter(c) || c == '.' || c == '\'' || c == '’'),
              "not proper case: " + field + " from " + in);
        }
        if (part.endsWith(".")) {
          assertEquals(2, part.length(), "an initial is one letter and a dot: " + field);
        }
      }
    }
  }

  private static void checkAddress(String in, ParsedAddress a) {
    assertNotNull(a);
    for (String f :
        new String[] {
          a.postcode(),
          a.region(),
          a.district(),
          a.settlement(),
          a.street(),
          a.house(),
          a.block(),
          a.flat(),
          a.unparsed()
        }) {
      checkText(in, f);
    }
    // types are vocabulary words, not taken from the input: only their form is checked
    assertTrue(
        a.settlementType() == null
            || Set.of(
                    "город",
                    "поселок",
                    "поселок городского типа",
                    "рабочий поселок",
                    "село",
                    "деревня",
                    "хутор",
                    "станица",
                    "снт")
                .contains(a.settlementType()),
        "settlementType " + a.settlementType());
    assertTrue(
        a.streetType() == null || a.streetType().equals(a.streetType().toLowerCase()),
        "streetType " + a.streetType());
    if (a.postcode() != null) {
      assertTrue(a.postcode().matches("[0-9]{6}"), "postcode " + a.postcode());
    }
  }

  private static void checkPhone(String in, Optional<Phone> p) {
    assertNotNull(p);
    p.ifPresent(
        phone -> {
          assertTrue(phone.e164().matches("\\+7[3489][0-9]{9}"), "not Russian E.164: " + phone);
          String digits = in.replaceAll("[^0-9]", "");
          assertTrue(digits.contains(phone.e164().substring(2)), "digits not from input: " + phone);
        });
  }

  /** Null, or trimmed, non-empty and no longer than the input. */
  private static void checkText(String in, String f) {
    if (f == null) {
      return;
    }
    assertTrue(!f.isEmpty(), "empty string returned for " + in);
    assertEquals(f.strip(), f, "untrimmed value returned for " + in);
    assertTrue(f.length() <= in.length(), "'" + f + "' longer than the input '" + in + "'");
  }
}
