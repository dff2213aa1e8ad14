package ru.aidabilling.core.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The written type markers of Russian addresses (the ГАР abbreviation set and the forms people
 * actually type), each with the address level it marks and the full type word the parser reports.
 * Keys are lower-case with {@code ё} folded and dots removed, so {@code р.п.}, {@code рп} and
 * {@code Р.П.} are one key. Some keys are ambiguous ({@code д} is деревня or дом, {@code с} село or
 * строение); {@link AddressParser} settles those from what follows.
 */
final class AddressMarkers {
  private AddressMarkers() {}

  enum Level {
    COUNTRY,
    REGION,
    DISTRICT,
    SETTLEMENT,
    STREET,
    HOUSE,
    BLOCK,
    FLAT;

    boolean isPlace() {
      return this == REGION || this == DISTRICT || this == SETTLEMENT || this == STREET;
    }

    boolean isHouseLevel() {
      return this == HOUSE || this == BLOCK || this == FLAT;
    }
  }

  /**
   * One marker. {@code type} is the full word reported ({@code null} when the marker places a name
   * without saying its type, as {@code пр.} which may be проспект or проезд). {@code fullWord} is
   * set for a marker written as a whole word ({@code Набережная}), which can be a name itself;
   * {@code numericName} for street-level types whose name is often a number ({@code мкр. 32}).
   */
  record Marker(Level level, String type, boolean fullWord, boolean numericName) {}

  /** A marker written as several words ({@code поселок городского типа}). */
  record Phrase(String[] keys, Marker marker) {}

  // Filled by the static initialiser, then frozen into the tables below and never touched again.
  private static final Map<String, Marker> SINGLE_BUILD = new HashMap<>();
  private static final Map<String, List<Phrase>> PHRASES_BUILD = new HashMap<>();

  /** What one word can start: a marker on its own, phrases, or both. */
  record Entry(Marker single, List<Phrase> phrases) {}

  private static final KeyTable<Entry> ENTRIES;

  /**
   * The same markers read with Latin look-alikes as Cyrillic, for words that mix the two ({@code
   * yл.}, {@code kв.}); a word with no Cyrillic letter is looked up as written, or a lone Latin C
   * ("секция C", "башня C") would read as село.
   */
  private static final KeyTable<Entry> ENTRIES_TWINS;

  /** Markers that {@code д}/{@code с}/{@code ст} turn into when a number follows. */
  static final Marker HOUSE = new Marker(Level.HOUSE, null, false, false);

  static final Marker BLOCK = new Marker(Level.BLOCK, null, false, false);

  static {
    single(Level.COUNTRY, null, "россия", "рф");
    phrase(Level.COUNTRY, null, "российская федерация");

    single(Level.REGION, null, "обл", "область", "край", "респ", "республика", "ао", "аобл");
    phrase(Level.REGION, null, "автономный округ", "автономная область");

    single(Level.DISTRICT, null, "р-н", "р-он", "район", "мр-н", "го", "с/п", "с/с", "сельсовет");
    phrase(
        Level.DISTRICT,
        null,
        "м р-н",
        "муниципальный район",
        "муниципальный округ",
        "городской округ",
        "сельское поселение",
        "городское поселение");

    single(Level.SETTLEMENT, "город", "г", "гор", "город");
    single(Level.SETTLEMENT, "поселок", "п", "пос", "поселок");
    single(Level.SETTLEMENT, "поселок городского типа", "пгт");
    phrase(Level.SETTLEMENT, "поселок городского типа", "поселок городского типа", "п г т");
    single(Level.SETTLEMENT, "рабочий поселок", "рп", "р/п");
    phrase(Level.SETTLEMENT, "рабочий поселок", "рабочий поселок", "р п", "раб пос");
    single(Level.SETTLEMENT, "село", "с", "село", "сел");
    single(Level.SETTLEMENT, "деревня", "д", "дер", "деревня");
    single(Level.SETTLEMENT, "хутор", "х", "хут", "хутор");
    single(Level.SETTLEMENT, "станица", "ст-ца", "станица");
    single(Level.SETTLEMENT, "снт", "снт", "днт", "днп", "тсн", "сдт", "сот", "онт", "с/т");
    phrase(
        Level.SETTLEMENT,
        "снт",
        "садовое товарищество",
        "садоводческое товарищество",
        "садовое некоммерческое товарищество",
        "садоводческое некоммерческое товарищество",
        "дачное некоммерческое товарищество",
        "дачное товарищество");
    // Settlement kinds outside the reported set: the name is placed, the type stays null.
    single(Level.SETTLEMENT, null, "аул", "нп", "ст", "станция", "рзд", "разъезд", "кордон");
    // "гп Кузьмоловский": городской поселок (Leningrad oblast's name for its former пгт), but
    // "г.п." is also written for городское поселение, so the type is left unsaid
    single(Level.SETTLEMENT, null, "гп");
    // A closed territory: "ЗАТО Северск" names the town; before a settlement's own marker
    // ("ЗАТО г. Северск") it is a prefix the parser skips.
    single(Level.SETTLEMENT, null, "зато");
    phrase(Level.SETTLEMENT, null, "населенный пункт");

    single(Level.STREET, "улица", "ул", "улица");
    single(Level.STREET, "проспект", "пр-кт", "просп", "проспект", "пр-т", "пркт");
    single(Level.STREET, "переулок", "пер", "переулок");
    single(Level.STREET, "набережная", "наб", "набережная");
    single(Level.STREET, "бульвар", "б-р", "бул", "бульв", "бульвар");
    single(Level.STREET, "площадь", "пл", "площадь");
    single(Level.STREET, "проезд", "пр-д", "пр-зд", "проезд");
    single(Level.STREET, "тупик", "туп", "тупик");
    single(Level.STREET, "шоссе", "ш", "шоссе");
    single(Level.STREET, "микрорайон", "мкр", "мкрн", "мкр-н", "микрорайон");
    single(Level.STREET, "аллея", "ал", "аллея");
    single(Level.STREET, "квартал", "кв-л", "квартал");
    single(Level.STREET, "линия", "линия");
    single(Level.STREET, "тракт", "тракт");
    single(Level.STREET, "спуск", "спуск");
    single(Level.STREET, "проулок", "проулок");
    single(Level.STREET, "дорога", "дор", "дорога");
    single(Level.STREET, "территория", "тер", "территория");
    single(Level.STREET, null, "пр");

    single(Level.HOUSE, null, "дом", "уч", "участок", "уч-к", "з/у", "вл", "влд", "владение");
    single(Level.HOUSE, null, "домовладение", "двлд", "№", "#");
    single(Level.BLOCK, null, "к", "корп", "корпус", "кор", "стр", "строение", "лит", "литер");
    single(Level.BLOCK, null, "литера");
    single(Level.FLAT, null, "кв", "квартира", "кв-ра", "оф", "офис", "пом", "помещение");
    single(Level.FLAT, null, "ком", "комн", "комната");

    Map<String, Entry> entries = new HashMap<>();
    SINGLE_BUILD.forEach((k, m) -> entries.put(k, new Entry(m, List.of())));
    PHRASES_BUILD.forEach(
        (k, p) -> {
          Entry single = entries.get(k);
          entries.put(k, new Entry(single == null ? null : single.single(), List.copyOf(p)));
        });
    ENTRIES = KeyTable.of(entries);
    ENTRIES_TWINS = KeyTable.withTwins(entries);
  }

  private static KeyTable<Entry> table(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Letters.isCyrillic(s.charAt(i))) {
        return ENTRIES_TWINS;
      }
    }
    return ENTRIES;
  }

  private static void single(Level level, String type, String... keys) {
    for (String key : keys) {
      boolean numeric = "микрорайон".equals(type) || "квартал".equals(type) || "линия".equals(type);
      Marker m = new Marker(level, type, type != null && type.equals(key), numeric);
      if (SINGLE_BUILD.putIfAbsent(key, m) != null) {
        throw new IllegalStateException("marker defined twice: " + key);
      }
    }
  }

  private static void phrase(Level level, String type, String... phrases) {
    for (String p : phrases) {
      String[] keys = p.split(" ");
      PHRASES_BUILD
          .computeIfAbsent(keys[0], k -> new ArrayList<>())
          .add(new Phrase(keys, new Marker(level, type, false, false)));
      PHRASES_BUILD.get(keys[0]).sort((a, b) -> b.keys().length - a.keys().length);
    }
  }

  /** The letters (dots aside) of the longest marker. */
  static int maxLetters() {
    return ENTRIES.maxLength();
  }

  /** The marker the word s[from, to) stands for (case, ё and dots aside), or null. */
  static Marker single(CharSequence s, int from, int to) {
    Entry e = table(s, from, to).get(s, from, to);
    return e == null ? null : e.single();
  }

  /** Everything the word can start, or null; one look-up for the single marker and phrases. */
  static Entry entry(CharSequence s) {
    return table(s, 0, s.length()).get(s, 0, s.length());
  }
}
