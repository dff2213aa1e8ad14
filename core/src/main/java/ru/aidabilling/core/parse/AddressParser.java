package ru.aidabilling.core.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.parse.AddressMarkers.Level;
import ru.aidabilling.core.parse.AddressMarkers.Marker;
import ru.aidabilling.core.parse.AddressMarkers.Phrase;
import ru.aidabilling.core.parse.AddressTokens.Token;

/**
 * Splits a free-text Russian billing address into postcode, region, district, settlement, street,
 * house, block and flat (spec 6). Pure and thread-safe: every call works on its own objects; the
 * marker tables are immutable after class initialisation.
 *
 * <p>How it reads an address: the text is cut into words ({@link AddressTokens}). A type marker
 * ({@code г.}, {@code ул}, {@code Волгоградская обл.}, see {@link AddressMarkers}) takes as its
 * name the words after it up to the next comma, marker or number, or — when nothing follows it, or
 * the address is written type-after-name throughout ({@code Волжский г, Мира ул}) — the words
 * before it. Numbers after the street are the house ({@code 15}, {@code 12А}, {@code 8/1}, {@code
 * 5к2}), {@code 15-3} is house and flat; {@code д.}, {@code корп.}, {@code кв.} and their kin say
 * which is which. A six-digit number is the postcode.
 *
 * <p>Decisions where the spec leaves room:
 *
 * <ul>
 *   <li>Words with no marker: the group just before the house is the street ({@code Мира 15}); the
 *       nearest group before the street that reads as a name is the settlement ({@code Волгоград,
 *       пр-кт …}), not a note ({@code возле, Мира 5}) nor a co-operative ({@code ЖСК, Мира 12}),
 *       which go to {@code unparsed}; the types stay null. A note with no comma, in lower case,
 *       before more words of its part (its opening word, a short preposition and one word: {@code
 *       г. Волжский недалеко от рынка Мира ул 5}) goes to {@code unparsed} as well, the words
 *       before and after it read as if a comma stood for it, also right before the house ({@code г.
 *       Волжский рядом с почтой 5}: no street). Only {@code рядом}, {@code недалеко}, {@code
 *       вблизи}, {@code вход}, {@code въезд} take a preposition; after another opening word a
 *       one-letter word is the street's initial ({@code около К Маркса дом 12}) and a nominative
 *       adjective the street's name ({@code около Донская 5}). An address that is a bare name
 *       ({@code Соляной}) is a settlement. Words in Latin letters only are never placed without a
 *       marker. With no comma either ({@code Волжский Мира 5-3}), the group is cut in two only when
 *       its first words read as a settlement's name (a settlement's ending, a known city, or an
 *       adjective and a name) and its last as a street's; a street named after a person keeps its
 *       first name, rank or initial ({@code г. Волжский Карла Маркса 5}, {@code Ст. Разина ул}),
 *       which also make a surname in {@code -ской} the street's ({@code г. Волжский З.
 *       Космодемьянской 5}), as does a settlement's whole name in one word before it ({@code г.
 *       Волжский Космодемьянской 5}); two words in the genitive after the settlement's name are the
 *       street's ({@code Волгоград Героев Сталинграда 5}). Where these rules ask for a capitalised
 *       word, any word will do in a text with no capital at all ({@code волжский мира 5-3}), as in
 *       one all in capitals; a street's words all in lower case may follow a capitalised
 *       settlement's name ({@code Волжский мира 5-3}), and a settlement's all in lower case a
 *       capitalised street's ({@code волжский Мира 5}); an initial or first name without its
 *       capital still opens a person's name before a capitalised surname ({@code г. Волжский к.
 *       Маркса 5}: {@code к.} is корпус only before a number), and an initial without its dot
 *       ({@code г Волжский к Маркса 5}). All in capitals, where {@code С.}, {@code П.}, {@code Х.}
 *       are as often a settlement's marker, only {@code С} and {@code СТ} after a settlement's name
 *       and before a surname in the genitive are an initial ({@code Г. ВОЛЖСКИЙ С. РАЗИНА 5}, not
 *       {@code Г. ВОЛГОГРАД, Х. ПОПОВА 5}). A first name or rank is no settlement's whole name:
 *       after a settlement's marker it and the surname are the settlement's ({@code пос. Максима
 *       Горького 5}), a known city aside ({@code г. Салават Юлаева 5}). The one word a settlement's
 *       marker names takes no word in {@code -ской} after it ({@code с. Райгород Космодемьянской
 *       5}), nor does an adjective and its noun ({@code р.п. Светлый Яр Космодемьянской 5}). A
 *       known city that is also the first name of a street's person is the street's ({@code Салават
 *       Юлаева 5}). Where the words cannot tell a town from a street's adjective ({@code Донской
 *       Пролетарской Дивизии 5}) the street keeps them all.
 *   <li>The only place named before the house is the settlement, not the street, when it is one
 *       word shaped as a settlement's name before {@code дом} or {@code д.} ({@code Быково дом 5}),
 *       an adjective only when it is a known town ({@code Волжский дом 5}, not {@code Кутузовский
 *       д. 5}), or a known city ({@code Саратов 5}), and no settlement's marker names another
 *       ({@code Октябрьский д. 5, с. Райгород}); a known city written last is the settlement also
 *       in capitals or with no comma ({@code ул. Ленина 5 ВОЛГОГРАД}).
 *   <li>Several settlements: the one nearest the street is kept (the inner-most in the usual
 *       big-to-small order); the others go to {@code unparsed}, as do extra streets and anything
 *       not placed. {@code unparsed} keeps the words as written, groups joined with ", ".
 *   <li>A district or region written after its adjectives with no comma before them ({@code
 *       Санкт-Петербург Приморский район}) takes only the adjectives; Moscow's okrugs ({@code ВАО})
 *       are never a settlement; {@code ЗАТО} before a settlement's marker is skipped, before a bare
 *       name it marks the settlement (type null).
 *   <li>{@code region} and {@code district} keep their marker as written ({@code Волгоградская
 *       обл.}, {@code Светлоярский р-н}); the record has no field for their types.
 *   <li>{@code стр.} goes to {@code block} (the record has no building field); a second block or
 *       flat marker goes to {@code unparsed}. A bare number after the house is the flat.
 *   <li>{@code пр.} is ambiguous (проспект or проезд): the name is placed, the type stays null.
 *   <li>Names keep their case when it is mixed; an all-capital or all-lower-case name is
 *       proper-cased, with {@code им.}, {@code на} and similar service words in lower case.
 * </ul>
 */
public final class AddressParser {
  private AddressParser() {}

  /** Service words that stay lower-case when a name is proper-cased. */
  private static final KeyTable<Boolean> SERVICE =
      KeyTable.words("им имени на в во и де ла ле дю у под над за из от до по при лет года км");

  /** {@code им.}, {@code имени}: a person's name follows, all of it the name of what precedes. */
  private static final KeyTable<Boolean> NAMED_AFTER_PERSON = KeyTable.words("им имени");

  /** Words after a number that say it is not the flat. */
  private static final KeyTable<Boolean> NOT_FLAT = KeyTable.words("подъезд под п-д этаж эт");

  /**
   * Words of a label or a note that a settlement's name never holds ({@code фактический адрес},
   * {@code частный сектор}, {@code торговый центр}, {@code детский сад}, {@code жилой массив},
   * {@code промышленная зона}, {@code домофон}, {@code магазин}): typed in lower case before a
   * capitalised street they are not read as a settlement in lower case, nor is a part of its own
   * that holds one read as the settlement.
   */
  private static final KeyTable<Boolean> NOTE_WORDS =
      KeyTable.words(
          "адрес фактический юридический сектор центр сад массив зона домофон магазин рынок"
              + " гараж кооператив частный");

  /**
   * Words that open a note on where the house is ({@code возле рынка}, {@code напротив школы},
   * {@code в районе рынка}, {@code вход со двора}), never a settlement's name: a part that opens
   * with one is not taken for the settlement.
   */
  private static final KeyTable<Boolean> NOTE_OPENERS =
      KeyTable.words(
          "возле около напротив рядом вблизи недалеко близ вдоль позади сзади между через у в во"
              + " за перед после от до к на по под над при вход въезд");

  /**
   * Note openers that take a preposition after them ({@code рядом с}, {@code недалеко от}, {@code
   * вход со}): after any other ({@code около}, {@code возле}) a one-letter word is a street's
   * initial, not a preposition ({@code около К Маркса дом 12}, {@code ОКОЛО С РАЗИНА 5}).
   */
  private static final KeyTable<Boolean> NOTE_OPENERS_WITH_PREPOSITION =
      KeyTable.words("рядом недалеко вблизи вход въезд");

  /**
   * Words before a number that say it is not the flat ({@code подъезд 2, кв. 12}; after the house,
   * {@code п. 3} is the entrance too): the number goes to {@code unparsed} with its word, and the
   * flat stays free for {@code кв.}.
   */
  private static final KeyTable<Boolean> NOT_FLAT_BEFORE =
      KeyTable.words("подъезд под п-д пд п этаж эт секция подъезда");

  /**
   * A garage and its box ({@code ГСК «Волга», гараж 12}, {@code бокс 5}): the number after one is
   * neither the house nor the flat, and goes to {@code unparsed} with its word.
   */
  private static final KeyTable<Boolean> GARAGES = KeyTable.words("гараж бокс");

  /**
   * Co-operatives and partnerships of a house's flats or of garages, and housing estates ({@code
   * ЖСК}, {@code ГСК}, {@code ТСЖ}, {@code ЖК}): an organisation or a complex, never a settlement,
   * though {@code ЖСК} ends as a town's name in {@code -ск} does. A part that opens with one goes
   * to {@code unparsed}; after a settlement's name one opens the street's words ({@code г. Волжский
   * ЖСК Мира 12}). Garden partnerships ({@code СНТ}, {@code ДНТ}, {@code ТСН}) are settlements
   * (spec 6) and markers in {@link AddressMarkers}.
   */
  private static final KeyTable<Boolean> CO_OPERATIVES =
      KeyTable.words("жск мжск гск пгск гспк гк пгк тсж жк жэк");

  /**
   * Month names in the genitive: a number before one is a street's name ({@code 8 Марта}, {@code 1
   * Мая}, {@code 9 Января}), not a house.
   */
  private static final KeyTable<Boolean> MONTHS =
      KeyTable.words(
          "января февраля марта апреля мая июня июля августа сентября октября ноября декабря");

  /**
   * Endings of a word that names a street when it stands last after a settlement's name, before a
   * house number, with no street marker in the address: {@code Чернышевского}, {@code Новая},
   * {@code Ленина}. A settlement's own two-word names end otherwise ({@code Светлый Яр}, {@code
   * Красный Кут}, {@code Старая Полтавка}).
   */
  /** Words after which a name is the settlement's own: {@code Совхоза Ленина}. */
  private static final KeyTable<Boolean> NAMED_AFTER =
      KeyTable.words(
          "совхоза колхоза зерносовхоза свиносовхоза птицесовхоза станции разъезда поселка села"
              + " деревни отделения");

  /**
   * Adjectives that tell settlements of one name apart, written after it ({@code Ивановка Новая},
   * {@code Бобровка Верхняя}); a street's adjective is another ({@code Ивановка Школьная 5}).
   */
  private static final KeyTable<Boolean> SETTLEMENT_ADJECTIVES =
      KeyTable.words("новая старая верхняя нижняя средняя большая малая");

  /**
   * Adjectives that open a street's two-word name written before its type ({@code Большая Казачья
   * ул.}, {@code Новый Арбат ул.}), or a settlement's ({@code Нижний Ломов}).
   */
  private static final KeyTable<Boolean> STREET_NAME_OPENERS =
      KeyTable.words(
          "большая малая новая старая верхняя нижняя средняя большой малый новый старый верхний"
              + " нижний средний");

  /**
   * Words that open a street named after a person, before the surname in the genitive: a first name
   * ({@code Карла Маркса}, {@code Степана Разина}) or a rank ({@code Маршала Жукова}). After a
   * settlement's name with no street marker they belong to the street, not the settlement.
   */
  private static final KeyTable<Boolean> PERSON_NAME_OPENERS =
      KeyTable.words(
          "карла клары розы фридриха степана максима льва александра николая юрия зои ивана"
              + " михаила сергея василия владимира веры валентины дмитрия петра павла алексея"
              + " андрея емельяна салавата мусы габдуллы мустая маршала генерала академика"
              + " адмирала космонавта летчика героя"
              // Bashkir and Tatar first names, as often as not left in the nominative in a
              // street's name ("Салават Юлаева", "Муса Джалиля", "Габдулла Тукая")
              + " салават муса габдулла мустай");

  /**
   * Cities named as the first name of a person a street is named after, by the surname that follows
   * in the street's name: {@code Салават Юлаева 5} is the street named after Салават Юлаев, not the
   * city Салават and a street {@code Юлаева}, while {@code Салават Ленина 5} is the city and its
   * street.
   */
  private static final KeyTable<String> CITIES_NAMED_AS_A_STREETS_PERSON =
      KeyTable.of(Map.of("салават", "юлаева"));

  /**
   * Moscow's administrative okrugs ({@code ВАО}, {@code ЗелАО}): above the districts, never a
   * settlement; they go to {@code unparsed} as written.
   */
  private static final KeyTable<Boolean> MOSCOW_OKRUGS =
      KeyTable.words("цао сао свао вао ювао юао юзао зао сзао зелао тинао нао тао");

  /** Ordinal words that number settlements of one name: {@code Ивановка Первая}. */
  private static final KeyTable<Boolean> ORDINALS =
      KeyTable.words(
          "первая вторая третья четвертая пятая шестая седьмая восьмая девятая" + " десятая");

  private static final String[] STREET_NAME_ENDINGS = {
    "ого", "его", "ая", "яя", "ина", "ына", "ова", "ева", "ёва"
  };

  /** Endings of a surname in the genitive, as a street named after a person has it. */
  private static final String[] GENITIVE_SURNAME_ENDINGS = {
    "ого", "его", "ина", "ына", "ова", "ева", "ой"
  };

  /**
   * Endings of the first word of a street's two-word name in the genitive: a plural noun or
   * adjective ({@code Героев Сталинграда}, {@code Павших Борцов}, {@code Юных Ленинцев}) or a
   * singular adjective ({@code Парижской Коммуны}, {@code Неизвестного Солдата}).
   */
  private static final String[] GENITIVE_OPENING_ENDINGS = {
    "ов", "ев", "их", "ых", "ой", "ей", "ого", "его"
  };

  /**
   * Endings of the second word of such a name: {@code Сталинграда}, {@code Армии}, {@code Борцов}.
   */
  private static final String[] GENITIVE_ENDINGS = {
    "а", "я", "ы", "и", "ов", "ев", "ей", "ой", "их", "ых"
  };

  /**
   * Endings a settlement's one-word name shares with a feminine adjective in the genitive ({@code
   * Донской}, {@code Волжской}).
   */
  private static final String[] GENITIVE_ADJECTIVE_SETTLEMENT_ENDINGS = {"ской", "цкой"};

  /** Endings of a feminine adjective in the genitive: {@code Гвардейской}, {@code Казачьей}. */
  private static final String[] GENITIVE_ADJECTIVE_ENDINGS = {"ой", "ей"};

  private static final String[] ADJECTIVE_ENDINGS = {"ий", "ый", "ая", "ой", "ое"};

  /**
   * A street's adjective in the nominative ({@code Донская}, {@code Школьная}): never what a note's
   * preposition governs ({@code около почты}, {@code рядом с почтой}), so the street's name.
   */
  private static final String[] NOMINATIVE_ADJECTIVE_ENDINGS = {"ая", "яя", "ый", "ий", "ое", "ее"};

  private static final String[] MASCULINE_ENDINGS = {"ий", "ый", "ой"};

  private static final String[] MASCULINE_OR_NEUTER_ADJECTIVE_ENDINGS = {"ий", "ый", "ой", "ое"};

  /**
   * The commonest street names whose ending tells nothing ({@code Мира}, {@code Победы}, {@code
   * Строителей}): after a settlement's name, before a house, with no street marker, they are the
   * street ({@code с. Райгород Мира 5}), as the names {@link #STREET_NAME_ENDINGS} catch are.
   */
  private static final KeyTable<Boolean> COMMON_STREET_NAMES =
      KeyTable.words(
          "мира победы свободы дружбы труда строителей космонавтов энгельса маркса гоголя"
              + " фрунзе ветеранов пионеров энтузиастов металлургов молодежи нефтяников"
              + " железнодорожников химиков");

  /**
   * Settlements whose name ends in a settlement type, by the word before it: {@code Красное Село}
   * and {@code Царское Село} (St Petersburg), {@code Большое Село}, {@code Новая Деревня} and
   * {@code Старая Деревня} (St Petersburg).
   */
  private static final KeyTable<String> NAMES_ENDING_IN_A_TYPE =
      KeyTable.of(
          Map.of(
              "красное", "село",
              "царское", "село",
              "большое", "село",
              "новая", "деревня",
              "старая", "деревня"));

  /**
   * Cities whose names have no settlement's ending ({@code Саратов}, {@code Камышин}; {@code
   * Волгоград}, {@code Омск}, {@code Иваново} need none): written before a street with no marker or
   * comma, they are the settlement. Every regional centre and every city of about 100 000 people or
   * more, with the Volga region's smaller towns. Some are also a first name or a surname ({@code
   * Владимир}, {@code Киров}, {@code Королёв}): only the nominative is here, while a street named
   * after a person puts the first name in the genitive ({@code Владимира Высоцкого 5}), so {@code
   * Владимир Высоцкого 5} reads as the city and its street.
   */
  private static final KeyTable<Boolean> CITIES =
      KeyTable.words(
          // the Volga region
          "москва саратов энгельс камышин балашов самара казань пенза уфа тверь тула пермь"
              + " астрахань воронеж липецк краснодар ставрополь сызрань тольятти элиста"
              + " ростов-на-дону михайловка"
              // regional centres
              + " майкоп улан-удэ махачкала магас нальчик сыктывкар йошкар-ола владикавказ кызыл"
              + " абакан грозный чебоксары барнаул чита владивосток белгород владимир вологда"
              + " калуга киров кострома курган магадан орел псков рязань тамбов тюмень ярославль"
              + " биробиджан нарьян-мар анадырь салехард гатчина"
              // other cities of about 100 000 or more
              + " сургут череповец новокузнецк балашиха химки мытищи люберцы электросталь королев"
              + " реутов долгопрудный серпухов коломна сочи армавир таганрог шахты керчь евпатория"
              + " находка артем стерлитамак салават миасс златоуст хасавюрт дербент назрань"
              + " ессентуки ковров муром арзамас сарапул глазов березники елец пушкин"
              + " комсомольск-на-амуре");

  /**
   * Known cities whose name is also a first name ({@code Владимир}, {@code Артём}, {@code Салават})
   * or a common surname ({@code Киров}, {@code Королёв}, {@code Пушкин}, {@code Балашов}, {@code
   * Глазов}, {@code Реутов}, {@code Ковров}): written alone after the address they are more likely
   * the person to call than the settlement, so they stay in {@code unparsed} there. Names that are
   * rarely or never a person's ({@code Саратов}, {@code Орёл}, {@code Энгельс}, {@code Камышин},
   * {@code Тамбов}, {@code Курган}) are not here.
   */
  private static final KeyTable<Boolean> CITIES_NAMED_LIKE_PEOPLE =
      KeyTable.words("владимир артем салават киров королев пушкин балашов глазов реутов ковров");

  /**
   * Towns whose one-word name is an adjective, as many streets' names are: before {@code дом} or
   * {@code д.}, with no place named, they are the settlement ({@code Волжский дом 5}), while any
   * other adjective there is the street's name, an avenue or highway written without its {@code
   * пр.} or {@code ш.} ({@code Кутузовский д. 5}, {@code Каширское дом 5}). The provider's own
   * (Volgograd oblast) towns only: {@code Октябрьский}, a district's centre there, is left out, as
   * it names an avenue as often.
   */
  private static final KeyTable<Boolean> TOWNS_NAMED_AS_ADJECTIVES =
      KeyTable.words("волжский новоаннинский новониколаевский чернышковский");

  /**
   * Cities named by two words that the adjective-and-name rule does not catch, by their first word:
   * a plural ({@code Набережные Челны}), a possessive ({@code Сергиев Посад}), or a name that ends
   * like an adjective ({@code Новый Уренгой}). {@code Нижний Новгород}, {@code Старый Оскол} need
   * no entry before a street; the provider's two-word towns ({@code Средняя Ахтуба}, {@code Светлый
   * Яр}) have one, to be known as towns also before a number or {@code дом} ({@code Средняя Ахтуба
   * дом 5}) and written last.
   */
  private static final KeyTable<String> TWO_WORD_CITIES =
      KeyTable.of(
          Map.of(
              "набережные", "челны",
              "великие", "луки",
              "сергиев", "посад",
              "минеральные", "воды",
              "новый", "уренгой",
              // the provider's own (Volgograd oblast): never a street's name, so known as a town
              // before a number or дом and written last
              "средняя", "ахтуба",
              "светлый", "яр",
              "петров", "вал"));

  /** A region ({@code область}) named without its marker: {@code Волгоградская}. */
  private static final String[] FEMININE_REGION_ENDINGS = {"ская", "цкая"};

  private static final String[] PATRONYMIC_ENDINGS = {"ович", "евич", "овна", "евна"};

  /** Endings of a settlement's one-word name that a surname, a first name or a note rarely has. */
  private static final String[] LAST_PART_SETTLEMENT_ENDINGS = {
    "ский", "цкий", "ской", "ское", "цкое", "ово", "ево", "ино", "ыно", "ск", "град", "поль", "бург"
  };

  /**
   * Endings of a one-word name that only a city has, never a person or a note; and {@code -ск}
   * after a consonant (see {@code Reading.hasCityEnding}).
   */
  private static final String[] CITY_ENDINGS = {"град", "поль", "бург"};

  /** The first word of a two-word settlement's name: an adjective ({@code Средняя Ахтуба}). */
  private static final String[] SETTLEMENT_ADJECTIVE_ENDINGS = {
    "ая", "яя", "ий", "ый", "ой", "ое", "ее"
  };

  /** Endings of a region's name written without its marker ({@code Саратовская}). */
  private static final String[] REGION_ENDINGS = {"ская", "цкая", "ский", "цкий"};

  /** Whole-text placeholders (compared folded, dots ignored). */
  private static final KeyTable<Boolean> PLACEHOLDERS =
      KeyTable.of(
          java.util.Map.ofEntries(
              placeholder("нет"),
              placeholder("не указан"),
              placeholder("не указано"),
              placeholder("не указана"),
              placeholder("неизвестно"),
              placeholder("нет данных"),
              placeholder("н/д"),
              placeholder("нд"),
              placeholder("test"),
              placeholder("тест"),
              placeholder("отсутствует"),
              placeholder("адрес"),
              placeholder("нет адреса"),
              placeholder("null"),
              placeholder("none")));

  private static java.util.Map.Entry<String, Boolean> placeholder(String s) {
    return java.util.Map.entry(s, Boolean.TRUE);
  }

  /**
   * Reads a billing address into settlement, street line and postcode. Never throws: null or blank
   * input gives {@link ParsedAddress#EMPTY}.
   */
  public static ParsedAddress parse(String input) {
    if (input == null) {
      return ParsedAddress.EMPTY;
    }
    if (isPlaceholder(input)) {
      return ParsedAddress.EMPTY;
    }
    List<Token> tokens = AddressTokens.tokenize(input);
    if (tokens.isEmpty()) {
      return ParsedAddress.EMPTY;
    }
    return new Reading(input, tokens).read();
  }

  /**
   * Parts of phrases billing staff type instead of an address ({@code адрес не указан}, {@code
   * уточнить}, {@code см. договор}); a text without a digit that holds one is no address.
   */
  private static final String[] PLACEHOLDER_PARTS = {
    "не указан",
    "неизвест",
    "не известн",
    "уточн",
    "см договор",
    "см. договор",
    "по договору",
    "тестов",
    "нет адреса",
    "без адреса",
    "адрес не"
  };

  private static boolean hasMarker(String input) {
    for (Token tk : AddressTokens.tokenize(input)) {
      if (tk.marker != null || (tk.entry != null && !tk.entry.phrases().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPlaceholder(String input) {
    // placeholders are short: a real address is never copied to find out
    if (input.length() > 40) {
      return false;
    }
    if (input.length() <= 24 && PLACEHOLDERS.contains(Letters.collapse(input))) {
      return true;
    }
    if (hasDigit(input)) {
      return false;
    }
    String folded = Letters.lower(Letters.collapse(input));
    if (folded.split(" ").length > 3) {
      return false; // "г. Саратов ул. Неизвестного Солдата": an address that holds such a word
    }
    for (String part : PLACEHOLDER_PARTS) {
      // the phrase opens the text ("уточнить", "не известно", "адрес не указан") or follows
      // "адрес" ("адрес уточняется"); "Саратов, Неизвестного Солдата" is an address
      if ((folded.startsWith(part) || folded.startsWith("адрес " + part.strip()))
          && folded.indexOf(',') < 0) {
        return !hasMarker(input); // "ул. Неизвестного Солдата" is a street
      }
    }
    return false;
  }

  private enum Kind {
    REGION,
    DISTRICT,
    SETTLEMENT,
    STREET,
    UNTYPED,
    HOUSE,
    LEFT
  }

  /** A placed or not-yet-placed piece: tokens [from, to) hold the name, [spanFrom, spanTo) all. */
  private static final class Item {
    Kind kind;
    final String type;
    final int from;
    final int to;
    final int spanFrom;
    final int spanTo;

    /** A word of the name written before the marker ({@code 1-й пер. Садовый}); -1 when none. */
    int prefix = -1;

    /** A note read on its own ({@code около почты}): no street's or settlement's word. */
    boolean note;

    Item(Kind kind, String type, int from, int to, int spanFrom, int spanTo) {
      this.kind = kind;
      this.type = type;
      this.from = from;
      this.to = to;
      this.spanFrom = spanFrom;
      this.spanTo = spanTo;
    }
  }

  /** A marker found at a position, and how many tokens it takes. */
  private record Match(Marker marker, int length) {}

  /** The state of reading one address. */
  private static final class Reading {
    private final String input;
    private final Token[] t;
    private final int n;
    private final List<Item> items = new ArrayList<>(8);
    private int pendingFrom = -1;
    private int pendingTo = -1;
    private String postcode;
    private String house;
    private String block;
    private String flat;
    private boolean houseMarked;
    private boolean anchored;
    private static final int NOT_SCANNED = -2;
    private int lastStreetMarker = NOT_SCANNED;

    /** Where a note read after a settlement's name ends: another may follow it; -1 when none. */
    private int noteAfterSettlementTo = -1;

    /** Whether a street's words may be all in lower case: the second reading, see streetCased. */
    private boolean lowerStreets;

    /** Whether a settlement's words may be all in lower case: see lowerSettlementMayLead. */
    private boolean lowerSettlement;

    /** 1 when the input has no capital letter, 0 when it has one; NOT_SCANNED until asked. */
    private int noCapitals = NOT_SCANNED;

    /** 1 when the input has no lower-case letter, 0 when it has one; NOT_SCANNED until asked. */
    private int noLowerCase = NOT_SCANNED;

    Reading(String input, List<Token> tokens) {
      this.input = input;
      this.t = tokens.toArray(new Token[0]);
      this.n = t.length;
    }

    ParsedAddress read() {
      int i = 0;
      while (i < n) {
        Token tk = t[i];
        if (tk.boundary) {
          flushPending();
        }
        if (tk.quoted) {
          addPending(i);
          i++;
          continue;
        }
        if (i + 1 < n
            && t[i + 1].number
            && !t[i + 1].boundary
            && (GARAGES.contains(tk.text) || coopNumberAlone(i))) {
          flushPending(); // "гараж 12"; "ленинск, жск 7, Гагарина 12": not the house
          addItem(Kind.LEFT, null, i, i + 2, i, i + 2);
          i += 2;
          continue;
        }
        if (house != null
            && i + 1 < n
            && t[i + 1].number
            && !t[i + 1].boundary
            && NOT_FLAT_BEFORE.contains(tk.text)) { // the look-up last: it is the dearest check
          flushPending(); // "подъезд 2", "эт. 3": not the flat
          addItem(Kind.LEFT, null, i, i + 2, i, i + 2);
          i += 2;
          continue;
        }
        if (i + 1 < n
            && isNumberSign(t[i + 1].text.charAt(0))
            && numberSignSkipped(i + 1) > i + 1
            && isCooperative(tk)) {
          flushPending(); // "ЖСК № 12": the co-operative's number, not the house
          int end = numberSignSkipped(i + 1) + 1;
          addItem(Kind.LEFT, null, i, end, i, end);
          i = end;
          continue;
        }
        if (isMoscowOkrug(tk)) {
          flushPending(); // "Москва, ВАО, р-н Гольяново": an okrug, not a settlement
          addItem(Kind.LEFT, null, i, i + 1, i, i + 1);
          i++;
          continue;
        }
        Match m =
            tk.entry != null && isStreetInitial(i, true) && hasSettlement() ? null : marker(i);
        if (m != null) {
          i = onMarker(i, m);
        } else if (tk.number) {
          flushPending();
          i = onNumber(i);
        } else {
          int end = opensNoteInName(tk) ? noteEnd(i) : -1;
          if (end > 0
              && (noteAfterName(i)
                  || houseAt(end)
                  || end < n && !t[end].boundary
                  || tk.boundary && end < n)) {
            // "г. Волжский возле рынка Мира 5", "рядом с почтой Льва Толстого 15": the note, then
            // the street's words; "г. Волжский рядом с почтой 5", "Волжский возле магазина 5": the
            // note, then the house; "ст-ца Клетская, вход с торца, Мира 1": a part that is a note
            // alone, before more (its preposition is no village's marker)
            flushPending();
            addItem(Kind.LEFT, null, i, end, i, end);
            items.get(items.size() - 1).note = true;
            noteAfterSettlementTo = end; // "г. Котово вход со двора около почты Мира 5"
            i = end;
          } else {
            addPending(i);
            i++;
          }
        }
      }
      flushPending();
      return resolve();
    }

    private static boolean isNumberSign(char c) {
      return c == '№' || c == '#';
    }

    /** {@code ВАО}, {@code ЗелАО}: capitalised, three to five letters, not a marker. */
    private static boolean isMoscowOkrug(Token tk) {
      int l = tk.text.length();
      return l >= 3
          && l <= 5
          && tk.entry == null
          && !tk.quoted
          && Letters.isUpper(tk.text.charAt(0))
          && MOSCOW_OKRUGS.contains(tk.text);
    }

    // ---------------------------------------------------------------- markers

    /** The marker at position i, settling the ambiguous keys from what follows. */
    private Match marker(int i) {
      Token tk = t[i];
      if (tk.quoted || tk.number) {
        return null;
      }
      if (tk.entry == null) {
        return null;
      }
      if (tk.text.length() <= 3 && tk.text.endsWith(".") && isStreetInitial(i, false)) {
        return null; // "Ст. Разина ул": an initial in the street's name
      }
      List<Phrase> phrases = tk.entry.phrases();
      for (int k = 0; k < phrases.size(); k++) {
        Phrase p = phrases.get(k);
        if (phraseAt(i, p.keys())) {
          return new Match(p.marker(), p.keys().length);
        }
      }
      Marker m = tk.marker;
      if (m == null) {
        return null;
      }
      int k = numberSignSkipped(i + 1);
      boolean numberNext = k < n && t[k].number && !t[k].boundary;
      if (tk.text.length() > 3) {
        return new Match(m, 1);
      }
      if (tk.is("д")) {
        return new Match(numberNext ? AddressMarkers.HOUSE : m, 1);
      }
      if (tk.is("к")) {
        return numberNext ? new Match(m, 1) : null;
      }
      if (tk.is("с") || tk.is("ст")) {
        if (i > 0 && !numberNext && t[i - 1].is("рядом")) {
          return null; // "рядом с рынком": the preposition, not село
        }
        return new Match(numberNext && house != null ? AddressMarkers.BLOCK : m, 1);
      }
      return new Match(m, 1);
    }

    private boolean phraseAt(int i, String[] keys) {
      if (i + keys.length > n) {
        return false;
      }
      for (int k = 1; k < keys.length; k++) {
        Token tk = t[i + k];
        if (tk.boundary || tk.quoted || !tk.is(keys[k])) {
          return false;
        }
      }
      return true;
    }

    private int onMarker(int i, Match m) {
      Level level = m.marker().level();
      int j = i + m.length();
      if (level == Level.COUNTRY) {
        flushPending();
        return j;
      }
      if (level.isHouseLevel()) {
        flushPending();
        return onHouseMarker(i, j, level);
      }
      return onPlaceMarker(i, j, m.marker());
    }

    private int onPlaceMarker(int i, int j, Marker mk) {
      Level level = mk.level();
      boolean before = pendingFrom >= 0 && !t[i].boundary;
      int nameEnd = collectName(j, mk);
      if (before && mk.numericName() && nameEnd == j + 1 && t[j].number) {
        nameEnd = j; // "5-я линия 3": the number is the house, the words before are the name
      }
      boolean after = nameEnd > j;
      if (before && !after && endsOwnName(i, mk)) {
        // "Красное Село", "Новая Деревня": the type word is the last word of the name
        if (postfixFollows(j)) {
          addPending(i); // "Красное Село г.": the marker after takes the whole name
          return j;
        }
        int from = i - 1;
        if (from > pendingFrom) {
          addItem(Kind.UNTYPED, null, pendingFrom, from, pendingFrom, from);
        }
        pendingFrom = -1;
        addItem(Kind.SETTLEMENT, null, from, j, from, j);
        return j;
      }
      if (before && (!after || postfixFollows(nameEnd) || adjectiveBefore(level))) {
        int from = pendingFrom;
        if (level == Level.REGION || level == Level.DISTRICT) {
          // "Санкт-Петербург Приморский район": only the adjectives name the district
          from = adjectivesFrom(pendingFrom, pendingTo);
          if (from > pendingFrom) {
            addItem(Kind.UNTYPED, null, pendingFrom, from, pendingFrom, from);
          }
        }
        int cut =
            level == Level.STREET && !hasSettlement()
                ? settlementBeforeStreet(from, pendingTo, false)
                : -1;
        if (cut > 0) {
          // "Волжский Карла Маркса пр. 5": the settlement's name before the street's
          addItem(Kind.SETTLEMENT, null, from, cut, from, cut);
          from = cut;
        }
        if (level == Level.STREET && pendingTo - from > 1 && isCooperative(t[from])) {
          // "г. Волжский ЖСК Садовая ул. 15", "ТСЖ «Мира» Полевая ул.": the type names the words
          // after the co-operative and its name in quotes
          int name = from + 1;
          while (name < pendingTo - 1 && t[name].quoted) {
            name++;
          }
          addItem(Kind.LEFT, null, from, name, from, name);
          from = name;
        }
        addItem(kindOf(level), mk.type(), from, pendingTo, from, j);
        pendingFrom = -1;
        return j;
      }
      if (after && before && level == Level.STREET && isNamePrefix(pendingTo - 1, j, nameEnd)) {
        // "1-й пер. Садовый", "Большой пр. В.О.": the word before the marker opens the name
        int p = pendingTo - 1;
        if (p > pendingFrom) {
          addItem(Kind.UNTYPED, null, pendingFrom, p, pendingFrom, p);
        }
        pendingFrom = -1;
        Item it = new Item(Kind.STREET, mk.type(), j, nameEnd, p, nameEnd);
        it.prefix = p;
        items.add(it);
        return nameEnd;
      }
      flushPending();
      if (after) {
        addItem(kindOf(level), mk.type(), j, nameEnd, i, nameEnd);
        return nameEnd;
      }
      if (t[i].is("зато")) {
        return j; // "ЗАТО г. Северск": a prefix of the settlement that follows
      }
      if (isNameable(mk) && !t[i].text.endsWith(".")) {
        if (j < n && !t[j].boundary) {
          Match next = marker(j);
          if (next != null
              && next.marker().level() == Level.STREET
              && collectName(j + next.length(), next.marker()) == j + next.length()) {
            int end = j + next.length(); // "Набережная ул.": a name, then its type
            addItem(Kind.STREET, next.marker().type(), i, j, i, end);
            return end;
          }
        }
        addItem(Kind.STREET, null, i, j, i, j); // "Набережная 8/1": the type word is the name
        return j;
      }
      addItem(Kind.LEFT, null, i, j, i, j);
      return j;
    }

    /**
     * Whether the word at p, just before a street marker whose name is [j, nameEnd), is the first
     * word of that name: an ordinal ({@code 1-й пер. Садовый}, {@code 2-я ул. Строителей}), or in
     * St Petersburg an adjective before a name that is the island's initials ({@code Большой пр.
     * В.О.}, {@code Малый пр. П.С.}).
     */
    private boolean isNamePrefix(int p, int j, int nameEnd) {
      Token tk = t[p];
      if (tk.quoted || tk.number) {
        return false;
      }
      if (isOrdinalToken(tk.text)) {
        return true;
      }
      return nameEnd == j + 1
          && isInitialsToken(t[j].text)
          && Letters.isUpper(tk.text.charAt(0))
          && isAdjectiveWord(tk);
    }

    /**
     * Whether the settlement type word at i, written capitalised, is the end of a known name
     * ({@code Красное Село}, {@code Новая Деревня}) rather than a type written after the name
     * ({@code Красное село}, {@code Покровское Село}, {@code ПОКРОВСКОЕ СЕЛО}): only the names in
     * {@link #NAMES_ENDING_IN_A_TYPE}, since capitals tell nothing in text written all in them.
     */
    private boolean endsOwnName(int i, Marker mk) {
      if (mk.level() != Level.SETTLEMENT
          || !mk.fullWord()
          || pendingTo != i
          || !Letters.isUpper(t[i].text.charAt(0))) {
        return false;
      }
      Token adjective = t[i - 1];
      return !adjective.quoted
          && !adjective.number
          && Letters.isUpper(adjective.text.charAt(0))
          && mk.type().equals(NAMES_ENDING_IN_A_TYPE.get(adjective.text));
    }

    private static boolean isNameable(Marker mk) {
      return mk.fullWord()
          && mk.level() == Level.STREET
          && !"улица".equals(mk.type())
          && !"переулок".equals(mk.type())
          && !"территория".equals(mk.type());
    }

    /**
     * Where the adjectives that end the words [from, to) start ({@code Приморский} in {@code
     * Санкт-Петербург Приморский}); from itself when the last word is no adjective.
     */
    private int adjectivesFrom(int from, int to) {
      int k = to;
      while (k > from && isAdjectiveWord(t[k - 1])) {
        k--;
      }
      return k == to ? from : k;
    }

    private static boolean isAdjectiveWord(Token tk) {
      return !tk.quoted && !tk.number && Letters.endsWithAny(tk.text, ADJECTIVE_ENDINGS);
    }

    /**
     * A region or district written after an adjective ({@code Волгоградская обл Светлоярский р-н})
     * takes the adjective even when words follow.
     */
    private boolean adjectiveBefore(Level level) {
      if (level != Level.REGION && level != Level.DISTRICT) {
        return false;
      }
      return Letters.endsWithAny(t[pendingTo - 1].text, ADJECTIVE_ENDINGS);
    }

    /** True when the token at k is a place marker with no name after it (type-after-name style). */
    private boolean postfixFollows(int k) {
      if (k >= n) {
        return false;
      }
      Match m = marker(k);
      return m != null
          && m.marker().level().isPlace()
          && collectName(k + m.length(), m.marker()) == k + m.length();
    }

    /** The end of the name that follows a marker whose last token is at j - 1 (j when none). */
    private int collectName(int j, Marker mk) {
      if (j >= n || t[j].boundary) {
        return j;
      }
      Level level = mk.level();
      int k = j;
      Token first = t[j];
      if ((first.is("№") || first.is("#")) && j + 1 < n && t[j + 1].number && !t[j + 1].boundary) {
        return j + 2; // "СНТ № 5"
      }
      if (level == Level.SETTLEMENT && isCooperative(first)) {
        return j; // "Котово г ТСЖ Полевая ул": a co-operative is no settlement's name
      }
      if (first.number && !first.quoted) {
        boolean wordNext = j + 1 < n && isPlainWord(j + 1);
        if (mk.numericName() && !(wordNext && t[j + 1].is("лет"))) {
          return j + 1; // "мкр. 32"; not "мкр 40 лет ВЛКСМ", named as a street is
        }
        if (!wordNext) {
          if (level == Level.STREET && j + 1 < n && isHouseMarkerAt(j + 1)) {
            return j + 1; // "ул. 5 д. 3"
          }
          return j;
        }
        k = j + 1; // "ул. 8 Марта", "40 лет Победы"
      }
      while (k < n) {
        Token tk = t[k];
        if (k > j && tk.boundary) {
          break;
        }
        if (tk.quoted) {
          k++;
          continue;
        }
        if (tk.number) {
          break;
        }
        if (level == Level.STREET && (isInitial(k) || k == j && isShortenedFirstName(k))) {
          k++;
          continue;
        }
        if (level == Level.SETTLEMENT && k > j && (isCooperative(tk) || opensNoteInName(tk))) {
          // "г. Волжский ЖСК Мира 12", "г. Волжский возле рынка, ул. Мира 5": no word of the name;
          // a note is read on its own (read(): "г. Волжский возле рынка Мира 5", "г. Волжский
          // рядом с почтой 5")
          break;
        }
        if (level == Level.SETTLEMENT && k > j && tk.entry != null && isStreetInitial(k, true)) {
          k++; // "г. Волжский Ст. Разина 5": an initial in the street's name, not a station
          continue;
        }
        Match m2 = marker(k);
        if (m2 != null && m2.marker().level() != Level.COUNTRY) {
          if (k == j && isNameable(m2.marker()) && endsName(k + m2.length())) {
            k += m2.length(); // "ул. Набережная": a type word right after a marker is the name
            break;
          }
          if (k > j && endsNameOfSameLevel(k, m2, level)) {
            k += m2.length(); // "д. Новая Деревня": the type word belongs to the name
            break;
          }
          if (level == Level.SETTLEMENT
              && k > j + 1
              && m2.marker().level() == Level.STREET
              && !(isNameable(m2.marker()) && Letters.isUpper(t[k].text.charAt(0)))
              && collectName(k + m2.length(), m2.marker()) == k + m2.length()) {
            // "г. Саратов Астраханская улица 5": the word before the type is its name, with a
            // "Большая" or "1-я" before it ("г. Саратов Большая Казачья ул 12")
            return k - 2 > j && opensStreetName(k - 2) ? k - 2 : k - 1;
          }
          if (level == Level.SETTLEMENT
              && k > j + 1
              && m2.marker().level() == Level.DISTRICT
              && isAdjectiveWord(t[k - 1])
              && collectName(k + m2.length(), m2.marker()) == k + m2.length()) {
            // "г. Санкт-Петербург Приморский р-н": the adjectives before the type name the district
            return Math.max(j + 1, adjectivesFrom(j, k));
          }
          if (level != Level.STREET
              && k > j + 1
              && m2.marker().level() == Level.STREET
              && isOrdinalToken(t[k - 1].text)) {
            return k - 1; // "г. Москва 2-я ул. Строителей": the ordinal opens the street's name
          }
          break;
        }
        k++;
      }
      if (level == Level.SETTLEMENT
          && k > j + 1
          && (houseAt(k) || noteBeforeHouseAt(k) || houseAfterCommaAt(k))) {
        // "г. Волжский Мира около почты 5": the street's words before a note, as before the house;
        // "г. Волжский С. Разина, 5": before a comma and the house
        int street = streetAtTheEnd(j, k);
        if (street > 0 && !streetMarkerFrom(k) && !cutsNamedAfter(j, street)) {
          return street;
        }
      }
      return k;
    }

    /**
     * Whether a street starting at s would cut a settlement's name after {@code им.} or {@code
     * имени} before the person's surname ({@code п. им. Карла Маркса 5}): that name is the
     * settlement's own, so nothing but {@code им.} and a first name, rank or initial would be left
     * of it.
     */
    private boolean cutsNamedAfter(int j, int s) {
      return NAMED_AFTER_PERSON.contains(t[j].text)
              && (s == j + 1 || (s == j + 2 && opensPersonsName(j + 1)))
          || s == j + 1 && lonePersonsFirstName(j);
    }

    /**
     * Whether the word at j, the first after a settlement's marker, is a first name, rank or
     * initial that no settlement is named by alone ({@code Максима}, {@code Маршала}): with the
     * surname after it, it names a settlement after the person ({@code пос. Максима Горького 5}),
     * as {@code им.} does. A known city is the town all the same ({@code г. Салават Юлаева 5}).
     */
    private boolean lonePersonsFirstName(int j) {
      return opensPersonsName(j) && !CITIES.contains(t[j].text);
    }

    /**
     * Where a street's name starts in the words [j, k) after a settlement's marker, before the
     * house at k; -1 when they are all the settlement's.
     */
    private int streetAtTheEnd(int j, int k) {
      int street = streetAtTheEndIn(j, k);
      if (street < 0 && lowerStreetMayFollow(k - 1)) {
        lowerStreets = true; // "с. Райгород мира 5": read again, a lower-case street allowed
        street = streetAtTheEndIn(j, k);
        lowerStreets = false;
        return street > 0 && streetCaseFits(street, k) ? street : -1;
      }
      return street;
    }

    private int streetAtTheEndIn(int j, int k) {
      int street = streetAtTheEndOf(j, k);
      // "п. им. Героев Труда 5", "пос. Совхоза Маршала Жукова 5": no street inside that name
      return street > 0 && street < namedAfterEnd(j, k) ? -1 : street;
    }

    /**
     * Whether the word at last, the end of a street's name, is all in lower case in a text that has
     * capitals: then the words before the house are read a second time, a street's name in lower
     * case allowed after a capitalised settlement's ({@link #streetCaseFits}). Only when the first
     * reading found no street, so every address it reads stays as it was; and not for a word
     * shorter than four letters ({@code Волжский, Большая Садов»ая 5}: {@code ая} is no street).
     */
    private boolean lowerStreetMayFollow(int last) {
      Token tk = t[last];
      // four letters at least, as the shortest street names ("мира"): not a piece of a word
      return !tk.quoted
          && !tk.number
          && tk.text.length() >= 4
          && isLowerWord(tk.text)
          && !capitalised(tk);
    }

    /**
     * Where the words [j, k) after a settlement's marker may first hold a street: past the name
     * that follows {@code им.} or {@code Совхоза} in them, which is the settlement's own, a
     * person's name of two words ({@code п. им. Карла Маркса}, {@code пос. Совхоза Маршала
     * Жукова}), two words in the genitive ({@code п. им. Героев Труда}) or one word ({@code п. им.
     * Ленина}); j when no such word is there.
     */
    private int namedAfterEnd(int j, int k) {
      for (int s = j; s < k - 1; s++) {
        String w = t[s].text;
        if (SERVICE.contains(w) || NAMED_AFTER.contains(w)) {
          int p = s + 1;
          return p + 1 < k && (personsNameAt(p) || genitivePairAt(p)) ? p + 2 : p + 1;
        }
      }
      return j;
    }

    private int streetAtTheEndOf(int j, int k) {
      if (allCapitals() && noteRunsTo(j, k)) {
        // "Г. ВОЛЖСКИЙ ВОЗЛЕ МАГАЗИНА Д. 5": the note stays with the name, as in lower case
        return -1;
      }
      if (k > j + 2 && twoWordStreetAt(k - 2) && markedSettlementName(j, k - 2)) {
        return k - 2; // "г. Волгоград Героев Сталинграда 5", "р.п. Светлый Яр Героев Труда 5"
      }
      if (streetNameAt(k - 1)) {
        // "г Саратов Чернышевского 12": the last word before the house is the street, with the
        // first name or initial before it ("г. Волжский Карла Маркса 5", "Ст. Разина")
        return k - 2 > j && opensPersonsName(k - 2) ? k - 2 : k - 1;
      }
      if (k > j + 2 && personsStreetAt(k - 2)) {
        return k - 2; // "г. Волжский З. Космодемьянской 5", "г. Волжский Зои Космодемьянской 5"
      }
      if (isInitialsAndSurname(k - 1)) {
        return k - 1; // "г. Волжский З.Космодемьянской 5"
      }
      if (k == j + 2 && (skoiStreetAfterSettlement(j, k) || skoiStreetAfterMarkedName(j, k))) {
        return k - 1; // "г. Волжский Космодемьянской 5", "с. Райгород Космодемьянской 5"
      }
      if (k == j + 2 && adjectiveStreetAfterTown(j)) {
        return k - 1; // "г. Волгоград Университетский 5": an avenue's name after the town's
      }
      if (k == j + 3 && skoiStreetAfterSettlement(j, k)) {
        return k - 1; // "р.п. Светлый Яр Космодемьянской 5": an adjective and its noun, whole
      }
      return -1;
    }

    /**
     * Where the street's name starts in the words [from, to) that hold a settlement's name and then
     * a street's, written with no marker or comma between them ({@code Волжский Мира}, {@code
     * Светлый Яр Карла Маркса}); -1 when they do not read so. The street is two words in the
     * genitive ({@code Волгоград Героев Сталинграда}), or the last word, with a word that opens its
     * name before it ({@code Карла}, {@code Большая}, {@code Ст.}); when no type says it is a
     * street ({@code streetLike}), the last word must then read as a street's name. The settlement
     * is one capitalised word with a settlement's ending ({@code Волжский}, {@code Волгоград}) or a
     * known city ({@code Саратов}), or an adjective and a name ({@code Светлый Яр}).
     */
    private int settlementBeforeStreet(int from, int to, boolean streetLike) {
      int cut = settlementBeforeStreetIn(from, to, streetLike);
      if (cut < 0 && to - from >= 2 && to - from <= 4 && lowerStreetMayFollow(to - 1)) {
        lowerStreets = true; // "Волжский мира 5-3": read again, a lower-case street allowed
        cut = settlementBeforeStreetIn(from, to, streetLike);
        lowerStreets = false;
        return cut > 0 && streetCaseFits(cut, to) ? cut : -1;
      }
      if (cut < 0 && to - from >= 2 && to - from <= 4 && lowerSettlementMayLead(from, to)) {
        lowerSettlement = true; // "волжский Мира 5": read again, a lower-case settlement allowed
        cut = settlementBeforeStreetIn(from, to, streetLike);
        lowerSettlement = false;
        return cut > 0 && lowerThenCapitalised(from, cut, to) ? cut : -1;
      }
      return cut;
    }

    /**
     * Whether the words [from, to) open with a word all in lower case and end with a capitalised
     * one, in a text that has capitals: then they are read a second time, a settlement's name in
     * lower case allowed before a capitalised street's ({@code волжский Мира 5}, as operators type
     * the city in a hurry and the street with its capital). Only when the first reading found no
     * cut, so every address it reads stays as it was.
     */
    private boolean lowerSettlementMayLead(int from, int to) {
      Token first = t[from];
      Token last = t[to - 1];
      return !first.quoted
          && !first.number
          && isLowerWord(first.text)
          && !last.quoted
          && !last.number
          && Letters.isUpper(last.text.charAt(0))
          && !capitalised(first);
    }

    /**
     * The settlement's words [from, cut) all in lower case and none a note's ({@code NOTE_WORDS}),
     * the street's [cut, to) capitalised but for a first name or initial before the surname.
     */
    private boolean lowerThenCapitalised(int from, int cut, int to) {
      for (int k = from; k < cut; k++) {
        if (!isLowerWord(t[k].text) || NOTE_WORDS.contains(t[k].text)) {
          return false; // "фактический адрес Мира 5", "частный сектор Мира 5": a note
        }
      }
      for (int k = cut; k < to; k++) {
        if (!Letters.isUpper(t[k].text.charAt(0)) && !(k + 1 < to && lowerBeforeCapital(k))) {
          return false; // "волжский карла Маркса 5": a first name may lack its capital too
        }
      }
      return true;
    }

    private int settlementBeforeStreetIn(int from, int to, boolean streetLike) {
      if (to - from < 2 || to - from > 4) {
        return -1;
      }
      for (int k = from; k < to; k++) {
        Token tk = t[k];
        if (tk.quoted || tk.number || (k > from && tk.boundary)) {
          return -1;
        }
      }
      int cut = to - 1;
      if (cut - 1 > from && (opensStreetName(cut - 1) || isCooperative(t[cut - 1]))) {
        cut--; // "Волжский Карла Маркса", "Волжский ЖСК Мира": the word opens the street's
      }
      int named = cut; // the first word of the street's own name
      if (cut - 1 > from && isCooperative(t[cut - 1]) && !isCooperative(t[cut])) {
        cut--; // "Волжский ЖСК Карла Маркса": the co-operative before a person's name, too
      }
      if (cut == from + 1 && namesTheStreetsPerson(from)) {
        return -1; // "Салават Юлаева 5": the street's first name, not the city
      }
      if (to - from > 2
          && twoWordStreetAt(to - 2)
          && isSettlementName(from, to - 2)
          && !genitiveAdjectiveBefore(from, to - 2)) {
        return to - 2; // "Волгоград Героев Сталинграда 5": the street's two words in the genitive
      }
      boolean streetLast =
          !streetLike
              || streetNameAt(to - 1)
              || (named == to - 2 && personsStreetAt(named))
              || isInitialsAndSurname(to - 1)
              || (to - from <= 3 && skoiStreetAfterSettlement(from, to))
              || (to - from == 2 && adjectiveStreetAfterTown(from));
      return streetLast && isSettlementName(from, cut) ? cut : -1;
    }

    /** Whether the city at k is the first name of the person the word after it names. */
    private boolean namesTheStreetsPerson(int k) {
      String surname = CITIES_NAMED_AS_A_STREETS_PERSON.get(t[k].text);
      return surname != null && k + 1 < n && Letters.keyEquals(t[k + 1].text, surname);
    }

    /**
     * Whether the words [from, to) are a settlement's whole name ({@code Волжский}, {@code
     * Донской}, {@code Саратов}, or an adjective and its noun: {@code Светлый Яр}) and a word in
     * {@code -ской} or {@code -цкой}: a surname in the genitive ({@code Космодемьянской}, {@code
     * Крупской}) or a street's own adjective ({@code Тверской}), not a word of the settlement's
     * name, which a name complete already does not take.
     */
    private boolean skoiStreetAfterSettlement(int from, int to) {
      return isSkoiWord(t[to - 1]) && isSettlementName(from, to - 1);
    }

    /**
     * Whether the word at p is a known town's name ({@code Москва}, {@code Волгоград}, {@code
     * Волжский}) and the word after it an adjective in the masculine or neuter, as an avenue's or a
     * highway's name written without its type is ({@code Кутузовский}, {@code Каширское}): the town
     * and its street. A town's own second word follows no known town's name ({@code Старый Оскол},
     * {@code Новый Донской}).
     */
    private boolean adjectiveStreetAfterTown(int p) {
      Token town = t[p];
      Token street = t[p + 1];
      if (town.quoted || street.quoted || street.number || street.boundary) {
        return false;
      }
      String w = town.text;
      boolean known =
          CITIES.contains(w) || hasCityEnding(w) || TOWNS_NAMED_AS_ADJECTIVES.contains(w);
      return known
          && capitalised(town)
          && streetCased(street)
          && street.text.length() >= 5
          && Letters.endsWithAny(street.text, MASCULINE_OR_NEUTER_ADJECTIVE_ENDINGS);
    }

    /** A capitalised word in {@code -ской} or {@code -цкой}: {@code Космодемьянской}. */
    private boolean isSkoiWord(Token last) {
      return !last.quoted
          && !last.number
          && last.text.length() >= 6
          && (Letters.endsWith(last.text, "ской") || Letters.endsWith(last.text, "цкой"))
          && streetCased(last);
    }

    /**
     * Whether the word at j, the one word after a settlement's marker, and the word in {@code
     * -ской} after it are the settlement's whole name and a street's ({@code с. Райгород
     * Космодемьянской 5}): the marker says the first word is a settlement's name, whatever its
     * ending, and only an adjective that opens a two-word name takes such a word as its second
     * ({@code п. Новый Донской 5}).
     */
    private boolean skoiStreetAfterMarkedName(int j, int k) {
      Token name = t[j];
      return !name.quoted
          && !name.number
          && name.text.length() >= 2
          && Letters.isCyrillic(name.text.charAt(0))
          && capitalised(name)
          && markedSettlementName(j, j + 1)
          && isSkoiWord(t[k - 1]);
    }

    /**
     * Whether the words at p and p + 1 read as a street's two-word name in the genitive ({@code
     * Героев Сталинграда}, {@code Парижской Коммуны}, {@code Неизвестного Солдата}), not a
     * settlement's own ({@code п. им. Героев Труда}, {@code пос. Совхоза Красного Октября}).
     */
    private boolean twoWordStreetAt(int p) {
      return !namedAfter(p) && genitivePairAt(p);
    }

    /** Whether the word before p is {@code им.}, {@code Совхоза} or their kin. */
    private boolean namedAfter(int p) {
      return p > 0 && (SERVICE.contains(t[p - 1].text) || NAMED_AFTER.contains(t[p - 1].text));
    }

    /** Whether the words at p and p + 1 are shaped as two words in the genitive. */
    private boolean genitivePairAt(int p) {
      Token first = t[p];
      Token second = t[p + 1];
      if (first.quoted || first.number || second.quoted || second.number || second.boundary) {
        return false;
      }
      return Letters.endsWithAny(first.text, GENITIVE_OPENING_ENDINGS)
          && Letters.endsWithAny(second.text, GENITIVE_ENDINGS)
          && streetCased(first)
          && streetCased(second);
    }

    /**
     * Whether the one word [from, to) is an adjective in {@code -ской} or {@code -цкой} agreeing
     * with the genitive adjective at {@code to} ({@code Сибирской Гвардейской Дивизии}, {@code
     * Волжской Военной Флотилии}): the three words are one street's name in the genitive, not a
     * settlement ({@code Донской}) and a street.
     */
    private boolean genitiveAdjectiveBefore(int from, int to) {
      return to - from == 1
          && Letters.endsWithAny(t[from].text, GENITIVE_ADJECTIVE_SETTLEMENT_ENDINGS)
          && Letters.endsWithAny(t[to].text, GENITIVE_ADJECTIVE_ENDINGS);
    }

    /**
     * Whether the words [from, to) after a settlement's marker can be its whole name, with a
     * street's two-word name after them: one word that does not open a two-word name ({@code
     * Нижний} in {@code г. Нижний Ломов Армии 5}), or an adjective and a name ({@code Светлый Яр}).
     */
    private boolean markedSettlementName(int from, int to) {
      if (to - from == 1) {
        return !STREET_NAME_OPENERS.contains(t[from].text) && !lonePersonsFirstName(from);
      }
      return to - from == 2 && isSettlementName(from, to);
    }

    private boolean isSettlementName(int from, int to) {
      for (int k = from; k < to; k++) {
        String w = t[k].text;
        if (w.length() < 2
            || !Letters.isCyrillic(w.charAt(0))
            || !(capitalised(t[k]) || (lowerSettlement && isLowerWord(w)))
            || isCooperative(t[k])) {
          return false;
        }
      }
      String last = t[to - 1].text;
      if (to - from == 1) {
        // not a co-operative's capitals ("ЖСК Мира 5", "ПГСК дом 12"): a name has a vowel
        return (Letters.endsWithAny(last, LAST_PART_SETTLEMENT_ENDINGS) && hasVowel(last))
            || CITIES.contains(last);
      }
      if (to - from != 2) {
        return false;
      }
      String second = TWO_WORD_CITIES.get(t[from].text);
      if (second != null && Letters.keyEquals(last, second)) {
        return true; // "Набережные Челны Мира 5"
      }
      return Letters.endsWithAny(t[from].text, SETTLEMENT_ADJECTIVE_ENDINGS)
          && !Letters.endsWithAny(last, ADJECTIVE_ENDINGS);
    }

    /**
     * {@code Большая}, {@code Новый}, {@code 2-я}, {@code Карла}, {@code К.}, {@code Ст.}: a word
     * that opens a street's two-word name.
     */
    private boolean opensStreetName(int k) {
      Token tk = t[k];
      return !tk.quoted
          && !tk.number
          && (STREET_NAME_OPENERS.contains(tk.text)
              || isOrdinalToken(tk.text)
              || opensPersonsName(k));
    }

    /**
     * {@code Карла}, {@code Маршала}, {@code К.}, {@code В.И.}, {@code Ст.}: a first name, a rank
     * or initials before a surname, in a street named after a person.
     */
    private boolean opensPersonsName(int k) {
      Token tk = t[k];
      String s = tk.text;
      if (tk.quoted || tk.number || !(streetCased(tk) || lowerBeforeCapital(k))) {
        return false;
      }
      return isInitialsToken(s)
          || isShortenedFirstNameWord(tk)
          || PERSON_NAME_OPENERS.contains(s)
          || isBareInitial(s);
    }

    /**
     * {@code к} in {@code г Волжский к Маркса 5}: one Cyrillic letter written without its dot, as
     * addresses are typed with no dots at all ({@code г}, {@code ул}); not the conjunction {@code
     * и} nor {@code у}, a preposition before the genitive as a surname is ({@code Волжский у
     * магазина 5}). A marker's letter is read as its marker before this is asked ({@code к 2} is
     * корпус).
     */
    private static boolean isBareInitial(String s) {
      if (s.length() != 1 || !Letters.isCyrillic(s.charAt(0)) || !Letters.isLetter(s.charAt(0))) {
        return false;
      }
      char c = Letters.fold(s.charAt(0));
      return c != 'и' && c != 'у';
    }

    /**
     * Whether the word at k is all in lower case before a capitalised word: an initial or first
     * name typed without its capital before the surname that has one ({@code г. Волжский к. Маркса
     * 5}, {@code п. им. владимира Высоцкого 5}), which opens the person's name all the same.
     */
    private boolean lowerBeforeCapital(int k) {
      if (k + 1 >= n || !isLowerWord(t[k].text)) {
        return false;
      }
      Token next = t[k + 1];
      return !next.boundary
          && !next.number
          && !next.quoted
          && Letters.isCyrillic(next.text.charAt(0))
          && Letters.isUpper(next.text.charAt(0));
    }

    /** Whether a house follows at k in the same part: a number or a house marker. */
    private boolean houseAt(int k) {
      return k < n && !t[k].boundary && (t[k].number || isHouseLevelAt(k));
    }

    /**
     * Whether the words at p and p + 1 name a street after a person, a first name, rank or initial
     * before a surname in the genitive ({@code З. Космодемьянской}, {@code Зои Космодемьянской},
     * {@code Маршала Жукова}). The opening word says it is a person's name: a surname in {@code
     * -ской}, which alone could be a settlement's ({@code Донской}), is then the street's.
     */
    private boolean personsStreetAt(int p) {
      // "п. им. Зои Космодемьянской 5": after им. the settlement's own name
      return !namedAfter(p) && personsNameAt(p);
    }

    /** Whether the words at p and p + 1 are a first name, rank or initial and a surname. */
    private boolean personsNameAt(int p) {
      Token surname = t[p + 1];
      if (surname.quoted || surname.number || surname.boundary || !opensPersonsName(p)) {
        return false;
      }
      return streetCased(surname)
          && (Letters.endsWithAny(surname.text, GENITIVE_SURNAME_ENDINGS)
              || COMMON_STREET_NAMES.contains(surname.text)
              || (surname.text.length() >= 4
                  && isCyrillicWord(surname.text)
                  && PERSON_NAME_OPENERS.contains(t[p].text)));
    }

    /**
     * Whether the word is Cyrillic letters, hyphens aside: a surname after a first name written in
     * full ({@code Мусы Джалиля}, {@code Карла Либкнехта}), whose ending need not tell.
     */
    private static boolean isCyrillicWord(String w) {
      for (int c = 0; c < w.length(); c++) {
        char ch = w.charAt(c);
        if (!Letters.isCyrillic(ch) && !Letters.isHyphen(ch)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Whether the word at k - 1 (a word before it) reads as a street's name with no marker: a
     * capitalised word with a street name's ending or one of the commonest street names, not a
     * settlement's own distinguishing word.
     */
    private boolean streetNameAt(int lastAt) {
      int k = lastAt + 1;
      Token last = t[k - 1];
      if (last.quoted || last.number || !streetCased(last)) {
        return false;
      }
      if (namedAfter(lastAt)) {
        return false; // "п. им. Ленина 5", "пос. Совхоза Ленина 5": the settlement's own name
      }
      if (ORDINALS.contains(last.text)) {
        return false; // "с. Ивановка Первая 5": a numbered settlement
      }
      String before = t[k - 2].text;
      boolean adjectiveLast =
          Letters.endsWith(last.text, "ая") || Letters.endsWith(last.text, "яя");
      if (SETTLEMENT_ADJECTIVES.contains(last.text)
          && (Letters.endsWith(before, "а") || Letters.endsWith(before, "я"))) {
        return false; // "с. Ивановка Новая 5": one of a settlement's own distinguishing words
      }
      boolean streetName =
          Letters.endsWithAny(last.text, STREET_NAME_ENDINGS)
              || COMMON_STREET_NAMES.contains(last.text);
      if (!adjectiveLast
          && endsLikeAdjective(before)
          && !(streetName && Letters.endsWithAny(before, MASCULINE_ENDINGS))) {
        // "ст. Белая Глина 5": an adjective and its noun make one name; a masculine one before a
        // street's name in the genitive does not ("г. Волжский Ленина 5", "п. Октябрьский Мира 3")
        return false;
      }
      return streetName;
    }

    /**
     * Whether a word is written as a name is, capitalised ({@code Волжский}, {@code ВОЛЖСКИЙ}), or
     * stands in a text with no capital at all ({@code волжский мира 5-3}, as billing staff often
     * type): there, as in a text written all in capitals, case tells nothing.
     */
    private boolean capitalised(Token tk) {
      if (Letters.isUpper(tk.text.charAt(0))) {
        return true;
      }
      if (noCapitals == NOT_SCANNED) {
        // looked at once per address, and only when a lower-case word is asked about
        noCapitals = Letters.hasUpper(input) ? 0 : 1;
      }
      return noCapitals == 1;
    }

    /**
     * Whether a word may be a street's where its case is asked about: capitalised as {@link
     * #capitalised} says, or, in the second reading for a lower-case street, all in lower case;
     * {@link #streetCaseFits} then checks the street's words together.
     */
    private boolean streetCased(Token tk) {
      return capitalised(tk) || (lowerStreets && isLowerWord(tk.text));
    }

    /**
     * Whether the street's words [from, to), cut from the settlement's name before them, are
     * written as a street's name is: each capitalised, or — as billing operators often type a city
     * with its capital and the street without — each all in lower case right after a capitalised
     * word ({@code Волжский мира 5-3}, {@code с. Райгород мира 5}, {@code Волгоград героев
     * сталинграда 5}); not a lower-case word after another ({@code г. Волжский возле магазина 5})
     * nor a street of mixed case.
     */
    private boolean streetCaseFits(int from, int to) {
      boolean upper = true;
      boolean lower = true;
      for (int k = from; k < to; k++) {
        String w = t[k].text;
        upper &= Letters.isUpper(w.charAt(0));
        lower &= isLowerWord(w);
      }
      return upper || (lower && capitalised(t[from - 1]));
    }

    /** A word whose first character is a lower-case letter and that has no capital. */
    private static boolean isLowerWord(String w) {
      return Letters.isLower(w.charAt(0)) && !Letters.hasUpper(w);
    }

    private static boolean endsLikeAdjective(String word) {
      return Letters.endsWithAny(word, ADJECTIVE_ENDINGS)
          || Letters.endsWith(word, "яя")
          || Letters.endsWith(word, "ые");
    }

    /** Whether a street-level marker comes at k or later (one scan per address: stays linear). */
    private boolean streetMarkerFrom(int k) {
      if (lastStreetMarker == NOT_SCANNED) {
        lastStreetMarker = -1;
        for (int x = n - 1; x >= 0; x--) {
          if (!t[x].number && !t[x].quoted && t[x].entry != null) {
            Match m = marker(x);
            if (m != null && m.marker().level() == Level.STREET) {
              lastStreetMarker = x;
              break;
            }
          }
        }
      }
      return lastStreetMarker >= k;
    }

    /** Nothing of the same group follows position k but a house number. */
    private boolean endsName(int k) {
      return k >= n || t[k].boundary || t[k].number || isHouseLevelAt(k);
    }

    private boolean endsNameOfSameLevel(int k, Match m, Level level) {
      int after = k + m.length();
      return m.marker().level() == level
          && m.marker().fullWord()
          && Letters.isUpper(t[k].text.charAt(0))
          && (after >= n || t[after].boundary || t[after].number);
    }

    /** A word that is neither a number nor a marker, in the same comma group. */
    private boolean isPlainWord(int k) {
      Token tk = t[k];
      return !tk.boundary && !tk.number && (tk.quoted || marker(k) == null);
    }

    private boolean isHouseMarkerAt(int k) {
      Match m = marker(k);
      return m != null && m.marker().level() == Level.HOUSE && !t[k].boundary;
    }

    /** A capital letter before a word, inside a street name: {@code ул. С. Разина}. */
    private boolean isInitial(int k) {
      Token tk = t[k];
      return tk.isSingleLetter()
          && Letters.isUpper(tk.text.charAt(0))
          && k + 1 < n
          && !t[k + 1].boundary
          && !t[k + 1].number
          && numberSignSkipped(k + 1) == k + 1; // "Д. № 108" is a house, not an initial
    }

    /**
     * {@code Ст.} in {@code ул. Ст. Разина} (Степана), {@code Ал.} in {@code ул. Ал. Невского}: a
     * first name cut short to a marker's letters, capitalised, with its dot, first in a street's
     * name and before a capitalised word.
     */
    private boolean isShortenedFirstName(int k) {
      return isShortenedFirstNameWord(t[k]) && surnameAfter(k, true);
    }

    /**
     * {@code Ст.}, {@code Ал.}: capitalised, two letters and a dot, or none ({@code Ст Разина}); in
     * an address all in capitals, {@code СТ.} and {@code СТ} as well.
     */
    private boolean isShortenedFirstNameWord(Token tk) {
      String s = tk.text;
      return (s.length() == 3 && s.charAt(2) == '.' || s.length() == 2)
          && Letters.isUpper(s.charAt(0))
          && (Letters.isLower(s.charAt(1)) || allCapitals())
          && (tk.is("ст") || tk.is("ал"));
    }

    /** Whether a capitalised word that is no marker follows k in the same part. */
    private boolean capitalisedWordAfter(int k) {
      return wordAfter(k, false);
    }

    /**
     * Whether the word after the initial at k may be the surname: capitalised, or, in an address
     * all in capitals when {@code capitalsTellNothing} ({@code С.}, {@code СТ} after a settlement's
     * name, {@code СТ.} after a street's marker), a surname in the genitive as streets are named
     * ({@code С. РАЗИНА}, {@code СТ. ХАЛТУРИНА}) or a common street's name; {@code С.}, {@code
     * СТ.}, {@code П.} in capitals are as often a settlement's marker ({@code С. САЗОНОВ НАБЕРЕЖНАЯ
     * 5}, {@code СТ. КЛЕТСКАЯ}, {@code П. СОЛЯНОЙ НАБЕРЕЖНАЯ 8/1}).
     */
    private boolean surnameAfter(int k, boolean capitalsTellNothing) {
      if (!wordAfter(k, capitalsTellNothing)) {
        return false;
      }
      String w = t[k + 1].text;
      return Letters.isLower(w.charAt(1))
          || Letters.endsWithAny(w, GENITIVE_SURNAME_ENDINGS)
          || COMMON_STREET_NAMES.contains(w);
    }

    /**
     * Whether a word of three letters or more that is no marker follows k in the same part,
     * capitalised, or all in capitals when {@code capitalsTellNothing} and the address is written
     * all in capitals (asked only then: the scan for a lower-case letter is a dear check).
     */
    private boolean wordAfter(int k, boolean capitalsTellNothing) {
      if (k + 1 >= n) {
        return false;
      }
      Token next = t[k + 1];
      return !next.boundary
          && !next.number
          && !next.quoted
          && next.text.length() >= 3
          && Letters.isUpper(next.text.charAt(0))
          && (Letters.isLower(next.text.charAt(1)) || capitalsTellNothing && allCapitals())
          && marker(k + 1) == null;
    }

    /**
     * Whether the marker-like word at i is a person's initial opening a street's name: {@code С.}
     * or {@code Ст.} (capitalised, with its dot), then a capitalised word, then a street type with
     * no name after it ({@code Ст. Разина ул}, {@code С. Разина пер. 5}) or — once a settlement is
     * named — the house, also after a comma ({@code г. Волжский С. Разина 5}, {@code Ст. Разина, д.
     * 5}), where {@code с} and {@code Ст} need no dot ({@code г Волжский с Разина 5}, {@code ОКОЛО
     * С РАЗИНА 5}). {@code С. Райгород 5} alone stays a village.
     */
    private boolean isStreetInitial(int i, boolean afterSettlement) {
      Token tk = t[i];
      String s = tk.text;
      int l = s.length();
      boolean dotted =
          l >= 2
              && l <= 3
              && s.charAt(l - 1) == '.'
              && (l == 2 ? Letters.isUpper(s.charAt(0)) : isShortenedFirstNameWord(tk));
      boolean bare =
          afterSettlement && (l == 1 && tk.is("с") || l == 2 && isShortenedFirstNameWord(tk));
      // all in capitals, case tells nothing: "Г. ВОЛЖСКИЙ С. РАЗИНА 5", "СТ РАЗИНА 5" read as
      // "г. Волжский С. Разина 5", "Ст Разина 5" do
      if (tk.quoted
          || !(dotted || bare)
          || !surnameAfter(i, afterSettlement && (tk.is("с") || tk.is("ст")))) {
        return false;
      }
      int k = i + 2;
      if (k >= n || t[k].boundary && !afterSettlement) {
        return false;
      }
      if (afterSettlement && (t[k].number || isHouseLevelAt(k))) {
        // a surname in the genitive, as streets are named ("Разина", "Маркса"); a settlement's
        // name is in the nominative ("г. Волгоград, П. Горьковский 5")
        String w = t[i + 1].text;
        return Letters.endsWithAny(w, GENITIVE_SURNAME_ENDINGS) || COMMON_STREET_NAMES.contains(w);
      }
      Match m = t[k].boundary ? null : marker(k);
      return m != null
          && m.marker().level() == Level.STREET
          && collectName(k + m.length(), m.marker()) == k + m.length();
    }

    private boolean hasSettlement() {
      for (Item it : items) {
        if (it.kind == Kind.SETTLEMENT) {
          return true;
        }
      }
      return false;
    }

    /**
     * {@code З.Космодемьянской}, {@code К.Маркса}, {@code В.И.Ленина}: initials glued to a surname
     * in the genitive, one word that can only be a street's name.
     */
    private boolean isInitialsAndSurname(int k) {
      Token tk = t[k];
      String s = tk.text;
      int i = 0;
      while (i + 2 < s.length() && Letters.isLetter(s.charAt(i)) && s.charAt(i + 1) == '.') {
        i += 2;
      }
      if (i == 0 || tk.quoted || s.length() - i < 3 || !Letters.isCyrillic(s.charAt(i))) {
        return false;
      }
      boolean cased =
          Letters.isUpper(s.charAt(i)) // "К.Маркса", and "к.Маркса" typed without the capital
              || (!Letters.isUpper(s.charAt(0))
                  && streetCased(tk)); // "з.космодемьянской" in lower case
      return cased
          && (Letters.endsWithAny(s, GENITIVE_SURNAME_ENDINGS)
              || COMMON_STREET_NAMES.contains(s, i, s.length()));
    }

    // ------------------------------------------------------------- house level

    private int onHouseMarker(int i, int j, Level level) {
      if (j >= n || t[j].boundary || t[j].quoted) {
        addItem(Kind.LEFT, null, i, j, i, j);
        return j;
      }
      j = numberSignSkipped(j); // "д. № 15", "кв.№3"
      Token v = t[j];
      switch (level) {
        case HOUSE:
          if (v.number && house == null) {
            houseMarked = true;
            return readHouse(i, j);
          }
          break;
        case BLOCK:
          if ((v.number || v.isSingleLetter()) && block == null) {
            block = stripDots(v.text);
            anchor(i);
            return j + 1;
          }
          break;
        default:
          if (hasDigit(v.text) && flat == null) {
            flat = stripDots(v.text);
            anchor(i);
            return j + 1;
          }
          break;
      }
      int end = v.number ? j + 1 : j;
      addItem(Kind.LEFT, null, i, end, i, end);
      return end;
    }

    private int onNumber(int i) {
      Token tk = t[i];
      if (postcode == null && isPostcode(tk.text)) {
        postcode = tk.text;
        return i + 1;
      }
      if (house == null
          && i + 1 < n
          && !t[i + 1].boundary
          && !t[i + 1].quoted
          && (MONTHS.contains(t[i + 1].text) || t[i + 1].is("лет"))) {
        addPending(i); // "8 Марта 12-3", "50 лет Октября, 5": the number starts a street's name
        return i + 1;
      }
      if (startsNameBeforeType(i) || namesNumericPlaceAfter(i)) {
        addPending(i); // "40 лет Победы ул", "32 мкр": the number is (part of) the name
        return i + 1;
      }
      if (house != null && i + 1 < n && !t[i + 1].boundary && NOT_FLAT.contains(t[i + 1].text)) {
        addItem(Kind.LEFT, null, i, i + 2, i, i + 2); // "2 подъезд", "3 этаж"
        return i + 2;
      }
      if (house == null) {
        return readHouse(i, i);
      }
      if (flat == null && tk.text.length() <= 8) {
        flat = stripDots(tk.text); // "Мира 15, 3"
        return i + 1;
      }
      addItem(Kind.LEFT, null, i, i + 1, i, i + 1);
      return i + 1;
    }

    /**
     * A number, then a marker of a numbered place with no name after it: {@code 32 мкр, д. 5} (spec
     * 6: the type before or after the name).
     */
    private boolean namesNumericPlaceAfter(int i) {
      int k = i + 1;
      if (k >= n || t[k].boundary) {
        return false;
      }
      Match m = marker(k);
      if (m == null
          || !m.marker().level().isPlace()
          || collectName(k + m.length(), m.marker()) != k + m.length()) {
        return false;
      }
      if (!m.marker().numericName()) {
        // "СНТ Ахтуба, 7 улица, участок 15": garden partnerships number their streets; a short
        // number before a street type, with no street yet and a house to come, is its name
        return m.marker().level() == Level.STREET
            && m.marker().type() != null
            && t[i].text.length() <= 3
            && house == null
            && !hasStreet()
            && houseFollows(k + m.length());
      }
      // "ул. Мира, 15 мкр": after a street, with no house yet and none to follow, the number is
      // the house
      return !hasStreet() || house != null || houseFollows(k + m.length());
    }

    /** Whether a house-level marker or a number comes at k or later. */
    private boolean houseFollows(int k) {
      for (int j = k; j < n; j++) {
        if (t[j].number || isHouseLevelAt(j)) {
          return true;
        }
      }
      return false;
    }

    private boolean hasStreet() {
      for (Item it : items) {
        if (it.kind == Kind.STREET) {
          return true;
        }
      }
      return false;
    }

    /** A number, words, then a place marker with nothing after it: {@code 8 Марта ул, 5}. */
    private boolean startsNameBeforeType(int i) {
      int k = i + 1;
      while (k < n && isPlainWord(k)) {
        k++;
      }
      if (k == i + 1 || k >= n || t[k].boundary) {
        return false;
      }
      Match m = marker(k);
      return m != null
          && m.marker().level().isPlace()
          && collectName(k + m.length(), m.marker()) == k + m.length();
    }

    /** Reads the house number at j (the marker, if any, starts at i). */
    private int readHouse(int i, int j) {
      String text = stripDots(t[j].text);
      String[] parts = HouseNumber.split(text);
      anchor(i);
      if (parts == null) {
        if (text.length() > 12) {
          addItem(Kind.LEFT, null, i, j + 1, i, j + 1);
          return j + 1;
        }
        house = text;
      } else {
        house = parts[0];
        if (parts[1] != null && block == null) {
          block = parts[1];
        }
        if (parts[2] != null && flat == null) {
          flat = parts[2];
        }
      }
      int next = j + 1;
      if (parts != null
          && parts[2] == null
          && house.indexOf('/') < 0
          && next < n
          && t[next].number
          && t[next].text.length() <= 4
          && slashOnlyBetween(t[j].end, t[next].start)) {
        house = house + "/" + stripDots(t[next].text); // "5 / 1": a fraction written with spaces
        return next + 1;
      }
      // "15 Б", "15 «Б»": a lone letter after the number belongs to it
      if (next < n
          && parts != null
          && parts[1] == null
          && parts[2] == null
          && t[next].isSingleLetter()
          && !t[next].boundary
          && !t[next].text.endsWith(".")
          && (next + 1 >= n || t[next + 1].boundary || isHouseLevelAt(next + 1))) {
        house = house + t[next].text;
        return next + 1;
      }
      return next;
    }

    /** Whether the input between the two positions is one slash with spaces round it. */
    private boolean slashOnlyBetween(int from, int to) {
      boolean slash = false;
      for (int k = from; k < to; k++) {
        char c = input.charAt(k);
        if (c == '/' && !slash) {
          slash = true;
        } else if (c != ' ') {
          return false;
        }
      }
      return slash;
    }

    /** Past a {@code №} or {@code #} at k that a number follows in the same part; else k. */
    private int numberSignSkipped(int k) {
      return k + 1 < n && (t[k].is("№") || t[k].is("#")) && t[k + 1].number && !t[k + 1].boundary
          ? k + 1
          : k;
    }

    private boolean isHouseLevelAt(int k) {
      Match m = marker(k);
      return m != null && m.marker().level().isHouseLevel();
    }

    /** Marks where the house-level part starts, once, for placing the words before it. */
    private void anchor(int i) {
      if (!anchored) {
        anchored = true;
        items.add(new Item(Kind.HOUSE, null, i, i, i, i));
      }
    }

    // ---------------------------------------------------------------- pending

    private void addPending(int i) {
      if (pendingFrom < 0) {
        pendingFrom = i;
      }
      pendingTo = i + 1;
    }

    private void flushPending() {
      if (pendingFrom >= 0) {
        addItem(Kind.UNTYPED, null, pendingFrom, pendingTo, pendingFrom, pendingTo);
        pendingFrom = -1;
      }
    }

    private void addItem(Kind kind, String type, int from, int to, int spanFrom, int spanTo) {
      items.add(new Item(kind, type, from, to, spanFrom, spanTo));
    }

    private static Kind kindOf(Level level) {
      return switch (level) {
        case REGION -> Kind.REGION;
        case DISTRICT -> Kind.DISTRICT;
        case SETTLEMENT -> Kind.SETTLEMENT;
        default -> Kind.STREET;
      };
    }

    // ---------------------------------------------------------------- resolve

    private ParsedAddress resolve() {
      int size = items.size();
      int anchor = size;
      for (int k = 0; k < size; k++) {
        if (items.get(k).kind == Kind.HOUSE) {
          anchor = k;
          break;
        }
      }
      int street = pick(Kind.STREET, anchor);
      // "Мира около почты 5": the words before a note cut out before the house read as they do
      // right before it ("Мира 5"), not as a bare name
      int beforeHouse = anchor > 1 && items.get(anchor - 1).note ? anchor - 2 : anchor - 1;
      if (street < 0
          && anchor < size
          && beforeHouse >= 0
          && items.get(beforeHouse).kind == Kind.UNTYPED
          && isCyrillicName(items.get(beforeHouse))) {
        street = beforeHouse;
        Item it = items.get(street);
        it.kind = Kind.STREET;
        int cut = hasSettlement() ? -1 : settlementBeforeStreet(it.from, it.to, true);
        if (cut < 0 && settlementBeforeHouse(street, items.get(anchor).from)) {
          it.kind = Kind.SETTLEMENT; // "Волжский дом 5", "Саратов 5": no street is named
          street = -1;
        } else if (cut > 0) {
          // "Волжский Мира 5-3": a settlement's name, then the street's, with no marker or comma
          items.set(street, new Item(Kind.SETTLEMENT, null, it.from, cut, it.spanFrom, cut));
          items.add(street + 1, new Item(Kind.STREET, null, cut, it.to, cut, it.spanTo));
          street++;
          anchor++;
          size++;
        }
      }
      int ref = street >= 0 ? street : anchor;
      int settlement = pick(Kind.SETTLEMENT, ref);
      if (settlement < 0) {
        boolean pastDistrict = false;
        for (int k = Math.min(ref, size) - 1; k >= 0; k--) {
          Item it = items.get(k);
          if (it.kind == Kind.REGION) {
            break;
          }
          if (it.kind == Kind.DISTRICT) {
            pastDistrict = true; // "Саратов, Заводской р-н, ул. …": a city's district
            continue;
          }
          if (it.kind == Kind.UNTYPED
              && isCyrillicName(it)
              && !isOrdinalOnly(it)
              && !isCooperative(t[it.from])
              && readsAsAName(it)
              && !(pastDistrict && endsLikeRegion(it))) {
            settlement = k;
            it.kind = Kind.SETTLEMENT;
            break;
          }
        }
      }
      if (settlement < 0 && anchor < size - 1 && isNameAtTheEnd(items.get(size - 1))) {
        settlement = size - 1; // "ул. Ленина, 5-3, Волжский": the settlement written last
        items.get(settlement).kind = Kind.SETTLEMENT;
      }
      int region = pick(Kind.REGION, size);
      int district = pick(Kind.DISTRICT, size);

      StringBuilder left = new StringBuilder();
      int lastEnd = -1;
      for (int k = 0; k < size; k++) {
        Item it = items.get(k);
        if (k == street || k == settlement || k == region || k == district) {
          continue;
        }
        if (it.kind == Kind.HOUSE) {
          continue;
        }
        lastEnd = appendLeft(left, it, lastEnd);
      }
      if (street < 0
          && settlement < 0
          && region < 0
          && district < 0
          && postcode == null
          && !houseMarked
          && left.length() == 0) {
        // only numbers: nothing says they are a house
        return new ParsedAddress(
            null, null, null, null, null, null, null, null, null, null, Letters.collapse(input));
      }
      Item st = street >= 0 ? items.get(street) : null;
      Item se = settlement >= 0 ? items.get(settlement) : null;
      return new ParsedAddress(
          postcode,
          region >= 0 ? span(items.get(region)) : null,
          district >= 0 ? span(items.get(district)) : null,
          se == null ? null : se.type,
          se == null ? null : name(se),
          st == null ? null : st.type,
          st == null ? null : name(st),
          house,
          block,
          flat,
          left.length() == 0 ? null : left.toString());
    }

    /**
     * Whether the words of the item at k, the only place named before the house at h, are a
     * settlement's name rather than a street's: a known city before the number ({@code Саратов 5},
     * {@code Волгоград 5}, {@code Набережные Челны 5}), or before {@code дом} or {@code д.} one
     * word shaped as a settlement's name ({@code Быково дом 5}), which a street with no type rarely
     * is (one in {@code -ая} has no settlement's ending); an adjective only when it is one of
     * {@link #TOWNS_NAMED_AS_ADJECTIVES} ({@code Волжский дом 5}), as an avenue's or a highway's
     * name is written without its type ({@code Кутузовский д. 5}); {@code Невский 88} stays a
     * street. Never when a settlement's marker names the settlement after the house ({@code
     * Октябрьский д. 5, с. Райгород}).
     */
    private boolean settlementBeforeHouse(int k, int h) {
      Item it = items.get(k);
      int end = k + 1 < items.size() && items.get(k + 1).note ? items.get(k + 1).to : it.to;
      if (end != h || it.to - it.from > 2 || t[it.from].quoted || t[it.to - 1].quoted) {
        return false;
      }
      if (hasSettlement()) {
        return false; // "Кутузовский д. 5, г. Москва": a settlement's marker names it elsewhere
      }
      for (int x = 0; x < k; x++) {
        Kind kind = items.get(x).kind;
        if (kind != Kind.REGION && kind != Kind.DISTRICT) {
          return false; // "Волгоград, Волжский дом 5": a place named before it
        }
      }
      if (!capitalised(t[it.from]) || !capitalised(t[it.to - 1])) {
        return false;
      }
      Item last = items.get(items.size() - 1);
      if (last.from > h && isNameAtTheEnd(last)) {
        return false; // "Саратов 5, Волгоград": the settlement is written last
      }
      if (isKnownCity(it)) {
        return true;
      }
      if (it.to - it.from != 1
          || t[it.from].text.length() < 4 // "ЖСК дом 12": a co-operative, not a town
          || Letters.endsWithAny(t[it.from].text, GENITIVE_ADJECTIVE_ENDINGS)) {
        return false; // "Космодемьянской дом 5", "Тверской дом 5": a street's name in the genitive
      }
      String word = t[it.from].text;
      if (Letters.endsWithAny(word, ADJECTIVE_ENDINGS)
          && !TOWNS_NAMED_AS_ADJECTIVES.contains(word)) {
        return false; // "Кутузовский д. 5", "Каширское дом 5": an avenue's or a highway's name
      }
      Match m = marker(h);
      return m != null && m.marker().level() == Level.HOUSE && isSettlementName(it.from, it.to);
    }

    /** The item of this kind nearest before ref, else the first after it; -1 when none. */
    private int pick(Kind kind, int ref) {
      int found = -1;
      for (int k = 0; k < items.size(); k++) {
        if (items.get(k).kind != kind) {
          continue;
        }
        if (k < ref) {
          found = k;
        } else {
          return found >= 0 ? found : k;
        }
      }
      return found;
    }

    /**
     * The last words of the address, after the house, when they read as a settlement's name written
     * without its marker: one or two Cyrillic words, each capitalised, a part of their own ({@code
     * Волжский}, {@code Средняя Ахтуба}, a known city such as {@code Саратов}; not {@code Киров},
     * which may be the person to call, nor {@code вход со двора}, {@code ТЦ Европа}, a region's
     * {@code Волгоградская} or a person's {@code Иванов Иван Иванович}). A known city may also be
     * written in capitals or with no comma before it ({@code ул. Ленина 5 ВОЛГОГРАД}).
     */
    private boolean isNameAtTheEnd(Item it) {
      if (it.kind != Kind.UNTYPED
          || it.to - it.from > 2
          || it.to != n
          || Letters.endsWithAny(t[it.to - 1].text, FEMININE_REGION_ENDINGS)) {
        return false;
      }
      boolean capitals = false;
      for (int k = it.from; k < it.to; k++) {
        Token tk = t[k];
        if (tk.quoted
            || tk.text.length() < 2
            || !Letters.isCyrillic(tk.text.charAt(0))
            || !Letters.isUpper(tk.text.charAt(0))
            || Letters.endsWithAny(tk.text, PATRONYMIC_ENDINGS)) {
          return false;
        }
        capitals |= !Letters.isLower(tk.text.charAt(1));
      }
      // a known city is the settlement also written in capitals or with no comma before it ("ул.
      // Ленина 5 ВОЛГОГРАД"); a name known only by its shape needs a part of its own, and in
      // capitals one word ("ЧАСТНЫЙ СЕКТОР" is a note)
      if (isKnownCity(it)) {
        return true;
      }
      if (!t[it.from].boundary
          || capitals
              && (it.to - it.from > 1
                  || !isCapitalsWord(t[it.from])
                  || !hasVowel(t[it.from].text))) { // "ГСК", "ПГСК": a co-operative
        return false;
      }
      // only what is shaped like a place: a word with a settlement's ending (Волжский, Быково) or
      // an adjective and a name (Средняя Ахтуба, Светлый Яр); a contact's name (Петрова Анна,
      // Иванова) or a note (Домофон, Магазин) stays unparsed, as it would otherwise be written to
      // FreeScout as the settlement
      String first = t[it.from].text;
      if (it.to - it.from == 1) {
        return Letters.endsWithAny(first, LAST_PART_SETTLEMENT_ENDINGS);
      }
      return Letters.endsWithAny(first, SETTLEMENT_ADJECTIVE_ENDINGS);
    }

    /**
     * A known city, one word that is no person's name too ({@code Саратов}, not {@code Киров}) or
     * ends as only a city's name does ({@code Волгоград}, {@code Оренбург}, {@code Омск}), or a
     * known two-word name ({@code Набережные Челны}).
     */
    private boolean isKnownCity(Item it) {
      String first = t[it.from].text;
      if (it.to - it.from == 1) {
        return (CITIES.contains(first) && !CITIES_NAMED_LIKE_PEOPLE.contains(first))
            || hasCityEnding(first);
      }
      String second = TWO_WORD_CITIES.get(first);
      return second != null && Letters.keyEquals(t[it.from + 1].text, second);
    }

    /**
     * Whether the word ends as only a city's name does: {@code -град}, {@code -поль}, {@code
     * -бург}, or {@code -ск} after a consonant in a word with a vowel ({@code Омск}, {@code
     * Волжск}, {@code Ейск}); not a noun in {@code -оск}, {@code -иск}, {@code -уск} ({@code
     * Киоск}, {@code Обелиск}, {@code Пропуск}) nor a co-operative's capitals ({@code ЖСК}, {@code
     * ПГСК}, {@code МЖСК}).
     */
    private static boolean hasCityEnding(String w) {
      if (Letters.endsWithAny(w, CITY_ENDINGS)) {
        return true;
      }
      int l = w.length();
      return l >= 4 && Letters.endsWith(w, "ск") && !isVowel(w.charAt(l - 3)) && hasVowel(w);
    }

    /**
     * Whether the word has a vowel: a name has one, a co-operative's capitals ({@code ЖСК}) not.
     */
    private static boolean hasVowel(String w) {
      for (int c = 0; c < w.length(); c++) {
        if (isVowel(w.charAt(c))) {
          return true;
        }
      }
      return false;
    }

    private static boolean isVowel(char c) {
      return "аеиоуыэюя".indexOf(Letters.fold(c)) >= 0;
    }

    /** A word all in capitals: {@code ВОЛЖСКИЙ}. */
    private static boolean isCapitalsWord(Token tk) {
      return !Letters.hasLower(tk.text);
    }

    /**
     * Whether the words of an untyped part, placed nowhere else, may be a settlement's name written
     * with no marker: not a note on where the house is, which opens with a preposition ({@code
     * возле}, {@code Напротив школы}, see {@link #NOTE_OPENERS}) or holds a note's word ({@code
     * фактический адрес}, {@code домофон}, see {@link #NOTE_WORDS}). Any other words may be, in any
     * case ({@code райгород, Мира 5}): {@code unparsed} does not reach FreeScout's city.
     */
    private boolean readsAsAName(Item it) {
      Token first = t[it.from];
      if (!first.quoted && NOTE_OPENERS.contains(first.text) && !isInitialsToken(first.text)) {
        return false; // not "В. Ахтуба", "В. Новгород": a name cut short, not the preposition в
      }
      for (int k = it.from; k < it.to; k++) {
        Token tk = t[k];
        if (!tk.quoted && !tk.number && NOTE_WORDS.contains(tk.text)) {
          return false; // "фактический адрес", "Частный сектор"
        }
      }
      return true;
    }

    /**
     * The end of a note that opens at k after a settlement's name: the opening word, a short
     * preposition ({@code недалеко от}, {@code вход со}, {@code рядом с}) and one word, what the
     * note is near ({@code рынка}, {@code двора}, {@code Магнита}). The words after it, up to a
     * comma, are the street's ({@code г. Волжский возле рынка Мира 5}).
     */
    private int noteEnd(int k) {
      int e = k + 1;
      if (e < n
          && !t[e].boundary
          && NOTE_OPENERS_WITH_PREPOSITION.contains(t[k].text) // not "около К Маркса 5"
          && (t[e].is("с")
              || t[e].is("со")
              || t[e].is("от")
              || t[e].is("к")
              || t[e].is("до")
              || t[e].is("из"))) {
        e++;
      }
      if (e < n
          && !t[e].boundary
          && !t[e].number
          && !streetTypeAfterNameAt(e + 1) // "около Рабочая пер. 7": the street's name
          && !t[e].isSingleLetter() // "около К Маркса": the street's initial
          && !isOrdinalToken(t[e].text) // "около 64-й Армии": the street's ordinal
          && !opensPersonsName(e) // "напротив Максима Горького ул. 5": the street's first name
          && !Letters.endsWithAny(t[e].text, NOMINATIVE_ADJECTIVE_ENDINGS) // "около Донская 5"
          && !isCooperative(t[e]) // "напротив ЖСК №5 Невский 15"
          && (t[e].quoted || t[e].entry == null || marker(e) == null)) {
        e++;
      }
      return e;
    }

    /**
     * A street's type word at k written after its name, before the house: {@code ул} in {@code Мира
     * ул 5}.
     */
    private boolean streetTypeAfterNameAt(int k) {
      if (k >= n || t[k].boundary || t[k].entry == null) {
        return false;
      }
      Match m = marker(k);
      if (m == null) {
        return false;
      }
      int after = k + m.length();
      return m.marker().level() == Level.STREET
          && !(isNameable(m.marker()) && Letters.isUpper(t[k].text.charAt(0))) // "Набережная 5"
          && endsName(after)
          && !(after + 1 < n && t[after].number && isPlainWord(after + 1)); // "ул. 40 лет Победы"
    }

    /** Whether the word at k follows a settlement's name, or a note after it, with none pending. */
    private boolean noteAfterName(int k) {
      if (pendingFrom >= 0 || t[k].boundary) {
        return false;
      }
      if (k == noteAfterSettlementTo) {
        return true;
      }
      if (items.isEmpty()) {
        return false;
      }
      Item last = items.get(items.size() - 1);
      return last.kind == Kind.SETTLEMENT && last.spanTo == k;
    }

    /**
     * {@code возле}, {@code напротив}: a note's opening word of four letters or more, which no
     * settlement's name holds after its first word, unlike {@code на} in {@code Ростов на Дону}.
     */
    private boolean opensNoteInName(Token tk) {
      return !tk.quoted
          && tk.text.length() >= 4
          && NOTE_OPENERS.contains(tk.text)
          && noteCase(tk.text.charAt(0));
    }

    /**
     * Whether a note's word may open with c: in lower case, or in any case in an address written
     * all in capitals ({@code Г. ВОЛЖСКИЙ ВОЗЛЕ РЫНКА УЛ. МИРА 5}), where case tells nothing.
     */
    private boolean noteCase(char c) {
      return Letters.isLower(c) || allCapitals();
    }

    /** Whether the house opens the next part at k: {@code , 5}, {@code , д. 5}. */
    private boolean houseAfterCommaAt(int k) {
      return k < n && t[k].boundary && (t[k].number || isHouseLevelAt(k));
    }

    /**
     * Whether a note read on its own opens at k and runs up to the house: {@code около почты 5}.
     */
    private boolean noteBeforeHouseAt(int k) {
      return k < n && !t[k].boundary && opensNoteInName(t[k]) && houseAt(noteEnd(k));
    }

    /** Whether a note opens after j and runs up to k, the house: {@code возле магазина 5}. */
    private boolean noteRunsTo(int j, int k) {
      for (int s = j + 1; s < k; s++) {
        if (opensNoteInName(t[s]) && noteEnd(s) >= k) {
          return true;
        }
      }
      return false;
    }

    /** Whether the address has no lower-case letter: written all in capitals, or with none. */
    private boolean allCapitals() {
      if (noLowerCase == NOT_SCANNED) {
        // looked at once per address, and only when a note's case or place is asked about
        noLowerCase = Letters.hasLower(input) ? 0 : 1;
      }
      return noLowerCase == 1;
    }

    /**
     * Whether the co-operative at i and the number after it are a part of their own, with a
     * street's words after them ({@code ленинск, жск 7, Гагарина 12к1}): the co-operative's number,
     * not the house.
     */
    private boolean coopNumberAlone(int i) {
      return (i == 0 || t[i].boundary)
          && i + 2 < n
          && t[i + 2].boundary
          && !t[i + 2].number
          && t[i].text.indexOf('-') < 0 // "ЖСК-12 101-3": its number glued, then the house
          && isCooperative(t[i])
          && streetMayOpen(i + 2);
    }

    /** Whether the word at k may open a street's name: no marker, or a street's. */
    private boolean streetMayOpen(int k) {
      Match m = marker(k);
      return m == null || m.marker().level() == Level.STREET;
    }

    /** {@code ЖСК}, {@code ТСЖ}, not in quotes: see {@link #CO_OPERATIVES}. */
    private static boolean isCooperative(Token tk) {
      String w = tk.text;
      int end = w.length() <= 4 ? w.length() : w.indexOf('-'); // "ЖСК-12": its number glued
      return !tk.quoted && end > 0 && end <= 4 && CO_OPERATIVES.contains(w, 0, end);
    }

    /** {@code 1-й} alone ({@code 1-й пр-зд Строителей}): part of a street's name, no settlement. */
    private boolean isOrdinalOnly(Item it) {
      return it.to - it.from == 1 && isOrdinalToken(t[it.from].text);
    }

    /** {@code Саратовская}: a region written without its marker, not a settlement. */
    private boolean endsLikeRegion(Item it) {
      return Letters.endsWithAny(t[it.to - 1].text, REGION_ENDINGS);
    }

    private boolean isCyrillicName(Item it) {
      for (int k = it.from; k < it.to; k++) {
        String s = t[k].text;
        for (int c = 0; c < s.length(); c++) {
          if (Letters.isCyrillic(s.charAt(c))) {
            return true;
          }
        }
      }
      return false;
    }

    private int appendLeft(StringBuilder b, Item it, int lastEnd) {
      if (it.spanFrom >= it.spanTo) {
        return lastEnd;
      }
      int start = t[it.spanFrom].start;
      if (b.length() > 0) {
        int gap = start - lastEnd;
        b.append(gap >= 2 ? ", " : gap == 1 ? " " : "");
      }
      join(b, it.spanFrom, it.spanTo, false);
      return t[it.spanTo - 1].end;
    }

    /** Region or district with its marker, names in their usual case. */
    private String span(Item it) {
      StringBuilder b = new StringBuilder();
      boolean normalise = isSingleCase(it.from, it.to);
      for (int k = it.spanFrom; k < it.spanTo; k++) {
        if (k > it.spanFrom && t[k].start > t[k - 1].end) {
          b.append(' ');
        }
        boolean inName = k >= it.from && k < it.to;
        b.append(inName ? cased(t[k].text, normalise) : markerCase(t[k]));
      }
      return b.toString();
    }

    /** A marker as written, but {@code ОБЛ.} in an all-capital address reads {@code обл.}. */
    private static String markerCase(Token tk) {
      String s = tk.text;
      return Letters.hasLower(s) || tk.is("ао") ? s : Letters.lower(s);
    }

    /** A settlement or street name: quotes gone, usual case, no trailing dot. */
    private String name(Item it) {
      boolean normalise = isSingleCase(it.from, it.to);
      if (it.prefix < 0 && it.to - it.from == 1) {
        String word = cased(t[it.from].text, normalise);
        if (!word.endsWith(".")) {
          return word; // one word and no dot to drop, as most names are: no copy to build
        }
      }
      StringBuilder b = new StringBuilder();
      if (it.prefix >= 0) {
        String w = t[it.prefix].text;
        b.append(cased(w, normalise || isOrdinalToken(w))).append(' ');
      }
      join(b, it.from, it.to, normalise);
      int l = b.length();
      if (l > 2 && b.charAt(l - 1) == '.' && !isInitialsToken(t[it.to - 1].text)) {
        if (!SERVICE.contains(t[it.to - 1].text)) {
          b.setLength(l - 1);
        }
      }
      return b.toString();
    }

    private void join(StringBuilder b, int from, int to, boolean normalise) {
      for (int k = from; k < to; k++) {
        if (k > from && t[k].start > t[k - 1].end) {
          b.append(' ');
        }
        b.append(cased(t[k].text, normalise));
      }
    }

    /**
     * True when every cased letter of the name (initials aside) is upper-case, or every one lower.
     */
    private boolean isSingleCase(int from, int to) {
      boolean upper = false;
      boolean lower = false;
      for (int k = from; k < to; k++) {
        String s = t[k].text;
        if (isInitialsToken(s)) {
          continue;
        }
        for (int c = 0; c < s.length(); c++) {
          char ch = s.charAt(c);
          upper |= Letters.isUpper(ch);
          lower |= Letters.isLower(ch);
        }
      }
      return !(upper && lower);
    }

    private static String cased(String word, boolean normalise) {
      word = Letters.cyrillicTwins(word); // "Вoлжский" with a Latin o
      if (!normalise) {
        return word;
      }
      if (isInitialsToken(word) || isAbbreviation(word)) {
        // "В.И.", and "ЖСК", "ВЛКСМ" (not "Жск", "Влксм")
        char[] c = word.toCharArray();
        for (int k = 0; k < c.length; k++) {
          c[k] = Letters.toUpper(c[k]);
        }
        return new String(c);
      }
      if (SERVICE.contains(word)) {
        return Letters.lower(word);
      }
      return Letters.properCase(word, SERVICE);
    }

    /**
     * A word of Cyrillic letters with no vowel, three letters at least ({@code ЖСК}, {@code ВЛКСМ},
     * {@code СССР}) or a co-operative's two ({@code ЖК}): an abbreviation, which keeps its capitals
     * where a name is proper-cased. No Russian word of a name is without a vowel; two letters alone
     * may be a marker's cut short ({@code ст}, {@code пр}).
     */
    private static boolean isAbbreviation(String w) {
      int l = w.length();
      if (l < 2 || l > 8 || l == 2 && !CO_OPERATIVES.contains(w)) {
        return false;
      }
      for (int c = 0; c < l; c++) {
        char ch = w.charAt(c);
        if (!Letters.isCyrillic(ch) || !Letters.isLetter(ch) || isVowel(ch)) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code 1-й}, {@code 2-я}: a number with a hyphen and letters, part of a name. */
  private static boolean isOrdinalToken(String s) {
    return !s.isEmpty() && Letters.isDigit(s.charAt(0)) && s.indexOf('-') > 0;
  }

  /** {@code В.}, {@code В.И.}: single letters each followed by a dot. */
  static boolean isInitialsToken(String s) {
    int l = s.length();
    if (l < 2 || l % 2 != 0) {
      return false;
    }
    for (int i = 0; i < l; i += 2) {
      if (!Letters.isLetter(s.charAt(i)) || s.charAt(i + 1) != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isPostcode(String s) {
    if (s.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!Letters.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Letters.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static String stripDots(String s) {
    int end = s.length();
    while (end > 1 && s.charAt(end - 1) == '.') {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
