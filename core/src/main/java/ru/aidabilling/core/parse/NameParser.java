package ru.aidabilling.core.parse;

import java.util.ArrayList;
import java.util.List;
import ru.aidabilling.core.domain.ParsedName;

/**
 * Splits a billing full name into surname, first name and patronymic, or recognises a legal entity
 * or junk (spec 6). Pure and thread-safe; no regular expressions on the hot path.
 *
 * <p>Decisions where the spec leaves room:
 *
 * <ul>
 *   <li>A legal entity is recognised by a form of incorporation or a word such as {@code
 *       администрация} anywhere in the text, or by quotes unless the words outside them (or, when
 *       there are none, the quoted ones) surely name a person: no initials, and a patronymic, or
 *       two words that are a common first name and a word ending like a surname ({@code "Иванов
 *       Иван Иванович"} is a person; {@code «Ромашка»} and {@code Кафе «Светлана»} are
 *       organisations). Its {@code org} is the text as written, trimmed, inner spaces collapsed.
 *       {@code ИП Иванов Иван Иванович} is an organisation. A bare abbreviation with nothing else
 *       ({@code ООО}) is UNKNOWN.
 *   <li>Person names are Cyrillic. A Latin look-alike letter inside a Cyrillic word ({@code Ивaнов}
 *       with a Latin {@code a}) is put back; a word in Latin letters makes the name UNKNOWN (latin
 *       junk such as {@code test}, {@code asdf}; real foreign names are rare in a Russian billing
 *       and writing nothing is safer than writing junk); a Latin look-alike initial ({@code Сидоров
 *       П.A.}) is read as its Cyrillic twin. Digits or other symbols make it UNKNOWN too, except a
 *       phone number (and what follows it) or a note in brackets beside words that surely name a
 *       person ({@code Иванов Иван Иванович 89001234567}, {@code Иванова (Петрова) Мария
 *       Ивановна}): that person is read, unless the note holds a second person's name.
 *   <li>Word order: a patronymic (suffix {@code -ович/-евич/-ич/-овна/-евна/-ична/-инична}, or a
 *       name followed by {@code оглы/кызы}) in the middle means name-patronymic-surname, at the end
 *       surname-first. With no patronymic the order is surname-first, except that two words whose
 *       first is a common first name and whose second is not ({@code Иван Петров}), or whose second
 *       has an ending only surnames have ({@code -ов}, {@code -ева}, {@code -ский}, {@code -ук}, …)
 *       and whose first has none ({@code Инга Петрова}, {@code Алия Петрова}), are read as first
 *       name and surname. Endings first names share ({@code -ина}: {@code Алевтина Сорокина}) leave
 *       the order to the list of first names. Two patronymics in four words or more are two people:
 *       UNKNOWN.
 *   <li>A single word is taken as a surname (PERSON with {@code last} only) when it ends like a
 *       Russian surname ({@code -ов}, {@code -ева}, {@code -ский}, {@code -енко}, …) and is not a
 *       common first name; any other single word is UNKNOWN.
 *   <li>Two words where the second is a patronymic ({@code Тарас Викторович}) give first and middle
 *       name without a surname.
 *   <li>A single letter is an initial, except {@code О}, {@code Ю}, {@code У}, {@code Е} written
 *       without a dot first before full words, none a surname ({@code О Ен Хи}, {@code Ю Андрей
 *       Сергеевич}), or last after a first name and a patronymic: a Korean surname of one letter.
 *   <li>After an apostrophe the letter is small ({@code Дем'яненко}, {@code В'ячеслав}) unless the
 *       apostrophe follows a one-letter {@code О} or {@code Д} and no {@code я}/{@code ю}/{@code е}
 *       comes next ({@code О'Коннор}, {@code Д'Артаньян}); {@code `} and {@code ʼ} typed for an
 *       apostrophe are written {@code '}.
 * </ul>
 */
public final class NameParser {
  private NameParser() {}

  private static final int NONE = 0;
  private static final int WEAK = 1;
  private static final int STRONG = 2;

  /** Forms of incorporation, kept lower-case with Latin look-alikes read as Cyrillic. */
  private static final KeyTable<Boolean> ORG_ABBREVIATIONS =
      KeyTable.words(
          "ооо оао зао ао пао нао ип муп гуп фгуп мбу мбоу мкоу гбоу гбуз тсж тсн снт жск "
              + "нко ано пк кфх днт днп гбу гку гау мау мку маоу мбдоу мадоу мкдоу мдоу моу гоу "
              + "доу огбу огку фгбу фгбоу фку фгку гу муз чоу чоп чп нп тд ук одо тоо пбоюл аозт "
              + "кпк спк схпк гск пгск жэк жкх рэу сош оош дюсш црб гкоу мбуз мауз гбпоу гапоу "
              + "фгаоу фап сдк мкук мук мбук кдц цкс омвд овд гибдд уфсин мчс ",
          true);

  /** Words that only an organisation's name contains (lower-case, ё folded). */
  private static final String ORG_WORDS =
      ("администрация ассоциация предприниматель общество товарищество кооператив предприятие "
          + "учреждение организация компания корпорация фирма холдинг агентство объединение "
          + "партнерство фонд банк управление отдел департамент министерство комитет "
          + "инспекция служба прокуратура суд школа гимназия лицей колледж техникум училище "
          + "университет институт академия детсад детский детская больница поликлиника "
          + "госпиталь диспансер санаторий библиотека музей театр филиал представительство "
          + "магазин завод фабрика "
          + "комбинат хозяйство совхоз колхоз артель церковь приход храм епархия отделение "
          + "центр клуб союз сельсовет поссовет поселение культуры войсковая нотариус адвокат"
          + " адвокатский llc ltd inc gmbh corp company limited bank");

  /**
   * Words that name a business ({@code Кафе Ромашка}, {@code Совет депутатов}, {@code Автосервис}):
   * first or alone they make an organisation, and after other words too ({@code Цветочный салон
   * Роза}) unless those words surely name a person, to whom the word is a note ({@code Иванова
   * Мария аптека}).
   */
  private static final String BUSINESS_WORDS =
      "кафе аптека салон гостиница отель почта ателье парикмахерская мастерская автосервис"
          + " ресторан столовая типография редакция совет автомойка шиномонтаж автомастерская"
          + " автосалон автошкола пекарня кондитерская закусочная пиццерия кофейня ломбард"
          + " химчистка прачечная киоск павильон студия фотостудия бутик супермаркет минимаркет"
          + " универсам стоматология ветклиника хостел мотель бар бистро буфет кулинария сауна"
          + " зоомагазин турбаза";

  /**
   * Business words for places that are named like people ({@code Гранд Марина гостиница}, {@code
   * Виктория кафе}): before one, a surname-less first name does not make a person.
   */
  private static final KeyTable<Boolean> VENUES =
      KeyTable.words(
          "гостиница отель хостел мотель кафе ресторан бар бистро кофейня пиццерия закусочная"
              + " столовая сауна турбаза");

  /** Placeholders and test junk: any of these words makes the name UNKNOWN. */
  private static final String JUNK =
      ("нет не указано указан указана неизвестно неизвестен неизвестна аноним абонент "
          + "клиент пользователь тест тестовый тестовая проверка фио имя фамилия отчество "
          + "данных нд test user admin unknown none null noname qwerty asdf йцукен удалить "
          + "удален дубль без договор директор гендиректор бухгалтер управляющий");

  private static final int ORG_WORD = 1;
  private static final int JUNK_WORD = 2;
  private static final int BUSINESS_WORD = 3;

  /** The three lists in one table, so each word of the input is hashed once. */
  private static final KeyTable<Integer> WORD_KINDS = wordKinds();

  private static KeyTable<Integer> wordKinds() {
    java.util.Map<String, Integer> m = new java.util.HashMap<>();
    for (String w : ORG_WORDS.split(" ")) {
      m.put(w, ORG_WORD);
    }
    for (String w : JUNK.split(" ")) {
      if (m.put(w, JUNK_WORD) != null) {
        throw new IllegalStateException("both an organisation word and junk: " + w);
      }
    }
    for (String w : BUSINESS_WORDS.split(" ")) {
      if (m.put(w, BUSINESS_WORD) != null) {
        throw new IllegalStateException("a business word in another list: " + w);
      }
    }
    return KeyTable.of(m);
  }

  /**
   * Turkic patronymic markers (Azerbaijani, Kazakh, Kyrgyz, Uzbek {@code угли}/{@code кизи}); they
   * stay lower-case and join the name before them.
   */
  private static final KeyTable<Boolean> TURKIC =
      KeyTable.words("оглы кызы улы уулу гызы оглу угли кизи");

  /**
   * Prefixes of foreign surnames written with a capital after them ({@code МакДональд}, {@code
   * ДиКаприо}, {@code ДеНиро}, {@code ЛаФонтен}): only after one is an inner capital kept; any
   * other ({@code ПеТров}, {@code ОльГа}) is a slip of the Shift key and is proper-cased.
   */
  private static final KeyTable<Boolean> INNER_CAPITAL_PREFIXES =
      KeyTable.words("мак мк ди де дю да ла ле ван фон");

  private static final String[] STRONG_PATRONYMIC = {"ович", "евич", "овна", "евна", "ична"};

  private static final String[] SURNAME_ENDINGS = {
    "ов", "ев", "ова", "ева", "ин", "ын", "ина", "ына", "ский", "цкий", "ской", "цкой", "ская",
    "цкая", "ых", "их", "енко", "ко", "ук", "юк", "ич", "ян", "янц", "дзе", "швили", "ия", "ая"
  };

  /** Common first names (lower-case, ё folded): tie-breakers for the word order. */
  private static final KeyTable<Boolean> FIRST_NAMES =
      KeyTable.words(
          "александр алексей анатолий андрей антон аркадий арсений артем артур борис вадим "
              + "валентин валерий василий виктор виталий владимир владислав вячеслав геннадий "
              + "георгий глеб григорий даниил данила денис дмитрий евгений егор иван игорь илья "
              + "кирилл константин лев леонид максим марк матвей михаил никита николай олег "
              + "павел петр роман руслан семен сергей станислав степан тарас тимофей тимур федор "
              + "юрий ярослав эдуард эльдар ринат рашид ренат рустам айдар азат ильдар марат "
              + "фарид гусейн али ахмед магомед мурат эмиль самир альберт ефим захар савелий "
              + "елисей мирон платон богдан ростислав святослав всеволод герман эрик яков филипп "
              + "макар тихон прохор родион давид нурлан алишер вагиф ислам шамиль рамиль тагир "
              + "артемий афанасий гавриил остап назар радик раиль салават айрат анвар александра "
              + "алена алина алла анастасия ангелина анна антонина валентина валерия вера "
              + "вероника виктория галина дарья диана евгения екатерина елена елизавета жанна "
              + "зинаида зоя инна ирина карина кира кристина ксения лариса лидия любовь людмила "
              + "маргарита марина мария надежда наталья наталия нина оксана ольга полина раиса "
              + "светлана софья софия тамара татьяна ульяна юлия яна эльвира регина лилия "
              + "гульнара дина эльмира алсу альбина виолетта василиса варвара арина милана злата "
              + "таисия нелли элина эмилия олеся снежана стефания евдокия клавдия майя римма "
              + "роза фаина эмма ева ника лиана лейла айгуль гузель динара камила сабина нонна "
              + "ираида серафима агата эвелина марьям аида асель вагифа мадина патимат заира "
              + "зарина галия розалия "
              // less common names, so that "Алевтина Сорокина" and "Вениамин Ильин" (both words
              // ending like a surname) are read name-first
              + "алевтина анжела анжелика альфия ярослава владислава мирослава станислава "
              + "богдана есения василина дарина милена влада лада марианна марта инга инесса "
              + "изабелла луиза стелла элеонора эльза юлиана пелагея прасковья таисья фатима "
              + "зульфия зухра лейсан ляйсан резеда наиля гульшат венера ильмира рената алиса "
              + "аделина капитолина ефросинья агафья устинья анфиса глафира виталина нелля "
              + "вениамин мстислав любомир лука фома кузьма никифор игнат ипполит аристарх "
              + "евдоким емельян ерофей порфирий серафим фрол демид демьян венедикт эдгар "
              + "эрнест роберт рудольф оскар юлиан кондрат лаврентий трофим харитон потап "
              + "устин фаддей анисим архип влас нестор климент клим корней леонтий герасим "
              + "гордей савва арсен ильнур ильшат рафаэль рафаил ильяс азамат айнур ильгиз "
              + "рифат наиль нияз рашит рустем фарит хасан хусейн юнус адам арам ашот гурген "
              + "армен тигран карен вардан самвел заур тамаз гиви нодар мераб зураб бахтияр");

  /**
   * Reads a billing ФИО into a person's last, first and middle name, or an organisation. Never
   * throws: null, blank or unreadable input gives {@link ParsedName#UNKNOWN}.
   */
  public static ParsedName parse(String input) {
    if (input == null) {
      return ParsedName.UNKNOWN;
    }
    String unglued = unglued(input);
    if (unglued != input) {
      ParsedName person = read(unglued); // "ИвановИ.И.": used only when it reads as a person
      if (person.kind() == ParsedName.Kind.PERSON) {
        return person;
      }
    }
    return read(input);
  }

  private static ParsedName read(String input) {
    String text = withoutCitizen(Letters.collapse(input));
    if (text.isEmpty()) {
      return ParsedName.UNKNOWN;
    }
    Signals s = scan(text);
    if (!s.hasLetter || s.contentWords == 0 && s.abbreviations < 2) {
      return ParsedName.UNKNOWN;
    }
    if (startsWithOrgWord(text) || isIpWithDotsBeforeAFullName(text)) {
      return ParsedName.organization(text);
    }
    if (s.orgMarker) {
      return ParsedName.organization(text);
    }
    if (s.junk) {
      return ParsedName.UNKNOWN;
    }
    if (s.businessWordAt > 0 && !s.quoted) {
      // "Цветочный салон Роза" is a shop; "Иванова Мария аптека" a person with a note. Brackets
      // or digits before the word are left to the rules below, as for any other note.
      String before = Letters.collapse(text.substring(0, s.businessWordAt));
      List<Part> words = parts(before);
      if (words != null) {
        ParsedName person = surePerson(before);
        if (person == null
            && !VENUES.contains(text, s.businessWordAt, wordEnd(text, s.businessWordAt))
            && capitalisedWithAFirstName(before, words)) {
          // "Мельник Ирина аптека": a surname without a telling ending, beside a first name
          ParsedName read = assign(words);
          person = read.kind() == ParsedName.Kind.PERSON && read.last() != null ? read : null;
        }
        return person != null ? person : ParsedName.organization(text);
      }
    }
    if (s.quoted) {
      // Quotes alone mark a name such as «Ромашка», but billing also quotes people's names
      // ("Иванов Иван Иванович", Иванов Иван Иванович «VIP»): a person is read when the words
      // outside the quotes, or else all of them, surely make one.
      // Words outside the quotes decide when there are any ("Кафе «Светлана»" is a café).
      String outside = Letters.collapse(outsideQuotes(text));
      ParsedName person =
          surePerson(outside.isEmpty() ? Letters.collapse(withoutQuotes(text)) : outside);
      return person != null ? person : ParsedName.organization(text);
    }
    List<Part> parts = parts(text);
    if (parts == null) {
      // "Иванов Иван Иванович 89001234567", "Иванова (Петрова) Мария Ивановна": a phone or a note
      // in brackets beside a name that surely names a person
      ParsedName person = withoutNotes(text);
      return person != null ? person : ParsedName.UNKNOWN;
    }
    return assign(parts);
  }

  /**
   * The person the text names once its notes are set aside: stretches in brackets, and a phone
   * number (with its label: {@code т.}, {@code тел.}) and all after it; null unless what is left
   * surely names a person ({@link #surePerson}). Runs only for text that is no plain name.
   */
  private static ParsedName withoutNotes(String text) {
    StringBuilder b = new StringBuilder(text.length());
    StringBuilder notes = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
        b.append(' ');
        notes.append(' ');
      } else if (c == ')' || c == ']') {
        if (depth == 0) {
          return null; // a bracket that opens nothing
        }
        depth--;
      } else if (depth == 0) {
        b.append(c);
      } else {
        notes.append(c);
      }
    }
    if (depth != 0) {
      return null;
    }
    String rest = b.toString();
    int phone = phoneAt(rest);
    if (phone >= 0) {
      notes.append(' ').append(rest, phone, rest.length());
      rest = rest.substring(0, phone);
    }
    if (notes.length() == 0 || capitalisedWords(notes) > 1) {
      return null; // nothing set aside, or a second person's name in it
    }
    return surePerson(Letters.collapse(rest));
  }

  /** Words that start with a capital followed by a lower-case letter ({@code Петрова}). */
  private static int capitalisedWords(CharSequence s) {
    int count = 0;
    for (int i = 0; i + 1 < s.length(); i++) {
      boolean start = i == 0 || !Letters.isLetter(s.charAt(i - 1));
      if (start && Letters.isUpper(s.charAt(i)) && Letters.isLower(s.charAt(i + 1))) {
        count++;
      }
    }
    return count;
  }

  /**
   * Where a phone number (a word with a digit that {@link PhoneParser} reads, with the label word
   * before it if any) starts in the text; -1 when none.
   */
  private static int phoneAt(String text) {
    int previous = -1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      boolean digit = false;
      while (i < n && text.charAt(i) != ' ') {
        digit |= Letters.isDigit(text.charAt(i)) || text.charAt(i) == '+';
        i++;
      }
      if (digit) {
        if (PhoneParser.parse(text.substring(start)).isEmpty()) {
          return -1;
        }
        if (previous >= 0 && PhoneParser.parse(text.substring(previous)).isPresent()) {
          return previous; // "тел. 8900…": the label goes with the number
        }
        return start;
      }
      previous = start < n ? start : previous;
    }
    return -1;
  }

  /**
   * Two or three words, each written with a capital, in billing's order: a surname that is no
   * common first name, then a common first name, then (if any) a patronymic: {@code Мельник Ирина},
   * not {@code Вера Плюс}, {@code Роза цветочный} or {@code Вера Надежда Любовь}.
   */
  private static boolean capitalisedWithAFirstName(String text, List<Part> words) {
    if (words.size() < 2 || words.size() > 3 || anyInitial(words)) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      boolean wordStart = i == 0 || text.charAt(i - 1) == ' ';
      if (wordStart && Letters.isLetter(text.charAt(i)) && !Letters.isUpper(text.charAt(i))) {
        return false;
      }
    }
    return !FIRST_NAMES.contains(words.get(0).text)
        && FIRST_NAMES.contains(words.get(1).text)
        && (words.size() == 2 || words.get(2).patronymic == STRONG);
  }

  private static boolean anyInitial(List<Part> words) {
    for (Part w : words) {
      if (w.initial) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether two or three words written without capitals surely name a person, for the log's
   * masking: a leak of a name is worse there than an ordinary phrase masked, yet ordinary text
   * should stay readable. Words of two letters or more; initials do not count ({@code запросов
   * т.к.}), nor {@code марта} as a first name (far more often the month).
   *
   * <ul>
   *   <li>two words: a common first name, and beside it a word ending like a surname ({@code
   *       новичков тарас}, {@code ольга белых}, {@code бойко андрей}) or a patronymic ({@code ирина
   *       петровна});
   *   <li>three words: any surname, a common first name, a patronymic ({@code мельник ирина
   *       петровна}, {@code ким сергей викторович}) unless the first word is a role such as {@code
   *       абонент}; a first name, a patronymic, a surname ({@code иван петрович сидоров}); or a
   *       word ending like a surname, any name, a patronymic in {@code -ович}, {@code -евич},
   *       {@code -овна}, {@code -евна} ({@code мамедов эльчин ахмедович}).
   * </ul>
   */
  public static boolean surelyNamesAPersonInLowerCase(String words) {
    List<Part> p = words == null ? null : parts(Letters.collapse(words));
    if (p == null || p.size() < 2 || p.size() > 3 || anyInitial(p)) {
      return false;
    }
    if (p.size() == 2) {
      Part a = p.get(0);
      Part b = p.get(1);
      return isFirstNameInText(a) && (endsLikeLowerCaseSurname(b) || b.patronymic == STRONG)
          || isFirstNameInText(b) && endsLikeLowerCaseSurname(a);
    }
    Part a = p.get(0);
    Part b = p.get(1);
    Part c = p.get(2);
    return isFirstNameInText(b) && c.patronymic == STRONG && !ROLE_WORDS.contains(a.text)
        || isFirstNameInText(a) && b.patronymic == STRONG && endsLikeLowerCaseSurname(c)
        || endsLikeLowerCaseSurname(a)
            && c.text.length() >= 7
            && Letters.endsWithAny(c.text, MALE_OR_FEMALE_PATRONYMIC);
  }

  private static boolean isFirstNameInText(Part w) {
    return FIRST_NAMES.contains(w.text) && !MONTHS_LIKE_NAMES.contains(w.text);
  }

  /**
   * Surname endings telling enough in lower-case text (not -ая/-ия: {@code новая}, {@code опция}),
   * on a word that is no role or common word ({@code гражданин}, {@code только}).
   */
  private static boolean endsLikeLowerCaseSurname(Part w) {
    return !ROLE_WORDS.contains(w.text)
        && (endsLikeSurname(w, 3, LOWER_CASE_SURNAME_ENDINGS) || endsLikeArmenianSurname(w));
  }

  private static final String[] LOWER_CASE_SURNAME_ENDINGS = {
    "ов", "ев", "ова", "ева", "ин", "ын", "ина", "ына", "ский", "цкий", "ская", "цкая", "ской",
    "цкой", "енко", "ко", "ук", "юк", "ых", "их", "швили", "дзе", "янц"
  };

  private static final KeyTable<Boolean> MONTHS_LIKE_NAMES = KeyTable.words("марта");

  /**
   * Words that stand before a name in a message, never a surname in one, and common words that end
   * like a surname ({@code только}, {@code магазин}).
   */
  private static final KeyTable<Boolean> ROLE_WORDS =
      KeyTable.words(
          "господин госпожа мужчина женщина сын дочь муж жена только магазин один одна"
              + " абонент абонента абоненту абонентом клиент клиента клиенту клиентом пользователь"
              + " пользователя пользователю гражданин гражданина гражданка гражданки заявитель"
              + " заявителя владелец владельца плательщик плательщика оператор оператора агент"
              + " агента сотрудник сотрудника менеджер менеджера мастер мастера монтажник"
              + " монтажника фио");

  private static final String[] MALE_OR_FEMALE_PATRONYMIC = {"ович", "евич", "овна", "евна"};

  /**
   * The person these words name when nothing is left to guess: no initials, and a patronymic, or
   * just two words of which one is a common first name and the other ends like a surname ({@code
   * «Иван да Марья»} is not sure); null otherwise.
   */
  private static ParsedName surePerson(String words) {
    if (words.isEmpty()) {
      return null;
    }
    List<Part> parts = parts(words);
    if (parts == null || parts.size() < 2) {
      return null;
    }
    boolean sure = false;
    int initials = 0;
    for (Part p : parts) {
      if (p.initial) {
        initials++;
      }
      sure |= p.patronymic == STRONG;
    }
    if (initials > 0) {
      // "Иванов И.И. «VIP»": a surname with one or two initials is a person; other mixes are not
      Part word = parts.get(0).initial ? parts.get(parts.size() - 1) : parts.get(0);
      if (initials != parts.size() - 1 || initials > 2 || word.initial || !looksLikeSurname(word)) {
        return null;
      }
      sure = true;
    }
    if (!sure && parts.size() == 2) {
      Part a = parts.get(0);
      Part b = parts.get(1);
      sure =
          FIRST_NAMES.contains(a.text) && looksLikeSurname(b)
              || FIRST_NAMES.contains(b.text) && looksLikeSurname(a);
    }
    ParsedName name = sure ? assign(parts) : null;
    return name != null && name.kind() == ParsedName.Kind.PERSON && name.last() != null
        ? name
        : null;
  }

  /**
   * Initials glued to the surname get their space: {@code ИвановИ.И.} → {@code Иванов И.И.} (a
   * lower-case letter, then a capital with a dot).
   */
  private static String unglued(String input) {
    if (input.indexOf('.') < 0) {
      return input; // no initials at all: most names
    }
    StringBuilder b = null;
    int copied = 0;
    for (int i = 1; i + 1 < input.length(); i++) {
      if (Letters.isLower(input.charAt(i - 1))
          && Letters.isUpper(input.charAt(i))
          && input.charAt(i + 1) == '.') {
        if (b == null) {
          b = new StringBuilder(input.length() + 4);
        }
        b.append(input, copied, i).append(' ');
        copied = i;
      }
    }
    return b == null ? input : b.append(input, copied, input.length()).toString();
  }

  /**
   * Words before a name that describe the person ({@code гр.}, {@code гражданин}, {@code
   * пенсионер}, {@code ветеран ВОВ}) and are no part of it.
   */
  private static final KeyTable<Boolean> DESCRIPTORS =
      KeyTable.words("гр гр-н гр-ка гражданин гражданка пенсионер пенсионерка ветеран инвалид");

  /** The text without a leading descriptor word (and the {@code ВОВ} after {@code ветеран}). */
  private static String withoutCitizen(String text) {
    int end = wordEnd(text, 0);
    if (end > 0 && end + 1 < text.length() && text.charAt(end) == '-') {
      end = wordEnd(text, end + 1); // "гр-н", "гр-ка"
    }
    if (end == 0
        || end >= text.length()
        || (text.charAt(end) != '.' && text.charAt(end) != ' ')
        || !DESCRIPTORS.contains(text, 0, end)) {
      return text; // the usual case: one table look-up of the first word
    }
    int next = skipSeparators(text, end);
    int second = wordEnd(text, next);
    if (second > next
        && second < text.length()
        && text.regionMatches(true, next, "вов", 0, 3)
        && second - next == 3) {
      next = skipSeparators(text, second);
    }
    return next >= text.length() ? text : text.substring(next);
  }

  /** The end of the letters that start at {@code from}. */
  private static int wordEnd(String text, int from) {
    int i = from;
    while (i < text.length() && Letters.isLetter(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Past the dots and spaces at {@code from}. */
  private static int skipSeparators(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ' ')) {
      i++;
    }
    return i;
  }

  /** The text with every quoted stretch left out. */
  private static String outsideQuotes(String text) {
    StringBuilder b = new StringBuilder(text.length());
    boolean inside = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Letters.isQuote(c)) {
        inside = !inside;
        b.append(' ');
      } else if (!inside) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The text with its quote marks (only) left out. */
  private static String withoutQuotes(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(Letters.isQuote(c) ? ' ' : c);
    }
    return b.toString();
  }

  /** What the words of the text say about it as a whole. */
  private static final class Signals {
    boolean hasLetter;
    boolean orgMarker;
    boolean quoted;
    boolean junk;
    int contentWords;
    int abbreviations;

    /** Where the first business word after the first word starts; -1 when none. */
    int businessWordAt = -1;
  }

  private static Signals scan(String text) {
    Signals s = new Signals();
    boolean firstWord = true;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Letters.isQuote(c)) {
        s.quoted = true;
      }
      if (!Letters.isLetterOrDigit(c)) {
        i++;
        continue;
      }
      int start = i;
      boolean letters = false;
      while (i < n && Letters.isLetterOrDigit(text.charAt(i))) {
        letters |= Letters.isLetter(text.charAt(i));
        i++;
      }
      s.hasLetter |= letters;
      boolean first = firstWord;
      firstWord = false;
      if (isOrgAbbreviation(text, start, i)) {
        s.orgMarker = true;
        s.abbreviations++;
        continue; // a bare form of incorporation is not content
      }
      if (oneLetterRepeated(text, start, i)) {
        s.junk = true; // "ааа", "ЙЙЙ": keyboard junk (unless a form of incorporation: ООО «ААА»)
        s.contentWords++;
        continue;
      }
      Integer kind = WORD_KINDS.get(text, start, i);
      if (kind != null && kind == ORG_WORD) {
        s.orgMarker = true;
      }
      if (kind != null && kind == JUNK_WORD) {
        s.junk = true;
        continue;
      }
      if (kind != null && kind == BUSINESS_WORD && !first && s.businessWordAt < 0) {
        s.businessWordAt = start;
      }
      s.contentWords++;
    }
    return s;
  }

  /**
   * {@code И.П. Иванов Иван Иванович}: ИП written with dots, before a name with its own first name
   * and patronymic, is no pair of initials ({@code И.П. Иванов} alone may be either and is left a
   * person).
   */
  private static boolean isIpWithDotsBeforeAFullName(String text) {
    if (text.length() < 8 || Letters.fold(text.charAt(0)) != 'и' || text.charAt(1) != '.') {
      return false; // the usual case: one look at the first two characters
    }
    int i = text.charAt(2) == ' ' ? 3 : 2;
    if (i + 1 >= text.length()
        || Letters.fold(text.charAt(i)) != 'п'
        || text.charAt(i + 1) != '.') {
      return false;
    }
    List<Part> rest = parts(text.substring(i + 2));
    return rest != null
        && rest.size() == 3
        && !anyInitial(rest)
        && rest.get(2).patronymic == STRONG;
  }

  /** Whether the first word is one of {@link #BUSINESS_WORDS}. */
  private static boolean startsWithOrgWord(String text) {
    int end = 0;
    while (end < text.length() && Letters.isLetter(text.charAt(end))) {
      end++;
    }
    if (end == 0) {
      return false; // a bare word counts too: "Автосервис" is a business
    }
    Integer kind = WORD_KINDS.get(text, 0, end);
    return kind != null && kind == BUSINESS_WORD;
  }

  /** Three or more of one letter and nothing else ({@code ааа}). */
  private static boolean oneLetterRepeated(String text, int from, int to) {
    if (to - from < 3) {
      return false;
    }
    char first = Letters.toLower(text.charAt(from));
    for (int i = from + 1; i < to; i++) {
      if (Letters.toLower(text.charAt(i)) != first) {
        return false;
      }
    }
    return Letters.isLetter(first);
  }

  /**
   * An abbreviation counts only when written all upper-case or all lower-case; one written as a
   * proper name ({@code Ао}, {@code Чу}) may be a real name and does not.
   */
  private static boolean isOrgAbbreviation(String text, int from, int to) {
    int len = to - from;
    if (len < 2 || len > 11) {
      return false;
    }
    boolean upper = true;
    boolean lower = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!Letters.isLetter(c)) {
        return false;
      }
      upper &= Letters.isUpper(c);
      lower &= Letters.isLower(c);
      if (!upper && !lower && from != 0) {
        return false; // a proper name past the first word: the usual case, settled here
      }
    }
    if (!upper && !lower) {
      // "Ооо Ромашка", "Ип Иванов": a form no person is named, typed as a proper name, first
      return from == 0 && TITLE_CASE_FORMS.contains(text, from, to);
    }
    return ORG_ABBREVIATIONS.contains(text, from, to);
  }

  /** Forms of incorporation that are never a person's name, also when typed as one. */
  private static final KeyTable<Boolean> TITLE_CASE_FORMS =
      KeyTable.words("ооо оао зао пао ип тсж тсн гбоу гбуз муп гуп фгуп мбоу мбдоу", true);

  /** One part of a person's name: a word (proper-cased) or an initial ({@code И.}). */
  private static final class Part {
    String text;
    final boolean initial;
    int patronymic;

    /** A one-letter word written without a dot ({@code О} in {@code О Ен Хи}). */
    boolean bare;

    Part(String text, boolean initial, int patronymic) {
      this.text = text;
      this.initial = initial;
      this.patronymic = patronymic;
    }
  }

  /** Splits at spaces, commas and dots; null when a character cannot belong to a person's name. */
  private static List<Part> parts(String text) {
    List<Part> parts = new ArrayList<>(4);
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == ',' || c == ';' || c == '.' || Letters.isHyphen(c) || isApostrophe(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isNameChar(text.charAt(i))) {
        i++;
      }
      if (i == start) {
        return null; // a digit, a bracket or another symbol
      }
      int end = i;
      while (end > start
          && (!Letters.isLetter(text.charAt(end - 1)) || isApostrophe(text.charAt(end - 1)))) {
        end--; // a trailing hyphen or apostrophe
      }
      if (end - start == 2 && isInitialsPair(text, start)) {
        // "Иванов ИИ": two capitals in a name otherwise written in lower case are initials
        parts.add(part(text, start, start + 1));
        parts.add(part(text, start + 1, end));
        continue;
      }
      if (end - start <= 3
          && Letters.isLower(text.charAt(start))
          && (end >= n || text.charAt(end) != '.')
          && PREPOSITIONS.contains(text, start, end)
          && capitalisedWordAt(text, end)) {
        return null; // "Шаурма у Ашота", "Иван да Марья": a phrase, not a name with initials
      }
      Part p = part(text, start, end);
      if (p == null) {
        return null;
      }
      if (!p.initial && hasInnerCapital(text, start, end) && properlyCased(text)) {
        p.text = innerCapitalsKept(p.text, text, start); // "МакДональд", "ДиКаприо"
      }
      p.bare = p.initial && (end >= n || text.charAt(end) != '.');
      if (!p.initial && TURKIC.contains(p.text) && !parts.isEmpty()) {
        Part prev = parts.get(parts.size() - 1);
        if (prev.initial || prev.text.indexOf(' ') >= 0) {
          return null;
        }
        prev.text = prev.text + " " + Letters.lower(p.text);
        prev.patronymic = STRONG;
        continue;
      }
      parts.add(p);
      if (parts.size() > 6) {
        return null;
      }
    }
    return parts.isEmpty() ? null : parts;
  }

  /**
   * Prepositions and conjunctions that join the words of a shop's or a saying's name; written in
   * lower case before a capitalised word they are no initial and no part of a person's name.
   */
  private static final KeyTable<Boolean> PREPOSITIONS =
      KeyTable.words("у в во с со к ко и о об да на за от по из для при без над под до");

  /** Whether, past spaces at {@code from}, a word of two letters or more starts with a capital. */
  private static boolean capitalisedWordAt(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i + 1 < text.length()
        && Letters.isUpper(text.charAt(i))
        && Letters.isLetter(text.charAt(i + 1));
  }

  private static boolean isInitialsPair(String text, int at) {
    char a = text.charAt(at);
    char b = text.charAt(at + 1);
    if (!Letters.isCyrillic(a)
        || !Letters.isCyrillic(b)
        || !Letters.isUpper(a)
        || !Letters.isUpper(b)) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Letters.isLower(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return Letters.isLetter(c) || Letters.isHyphen(c) || isApostrophe(c);
  }

  /**
   * {@code МакДональд}, {@code ДиКаприо}: a capital inside the word, after a lower-case letter and
   * before one, right after one of {@link #INNER_CAPITAL_PREFIXES}.
   */
  private static boolean hasInnerCapital(String text, int from, int to) {
    for (int i = from + 2; i < to - 1; i++) {
      if (innerCapitalAt(text, from, i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the capital at i of the word at from follows a lower-case letter and one of {@link
   * #INNER_CAPITAL_PREFIXES} that opens the word or its part after a hyphen ({@code
   * Иванова-МакДональд}), and comes before a lower-case letter.
   */
  private static boolean innerCapitalAt(String text, int from, int i) {
    if (!Letters.isUpper(text.charAt(i))
        || !Letters.isLower(text.charAt(i - 1))
        || !Letters.isLower(text.charAt(i + 1))) {
      return false;
    }
    int start = i - 1;
    while (start > from && Letters.isLetter(text.charAt(start - 1))) {
      start--;
    }
    return INNER_CAPITAL_PREFIXES.contains(text, start, i);
  }

  /**
   * Whether every word of the text opens with a capital and goes on in lower case but for inner
   * capitals as in {@code МакДональд}: the case was typed with care, so an inner capital is meant
   * ({@code МакДональд Джон}); in a text of mixed case ({@code иВАНОВ иван}, {@code МакДональд
   * ДЖОН}) every word is proper-cased.
   */
  private static boolean properlyCased(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!Letters.isLetter(c)) {
        continue;
      }
      if (i == 0 || !Letters.isLetter(text.charAt(i - 1))) {
        if (!Letters.isUpper(c)) {
          return false;
        }
      } else if (Letters.isUpper(c)
          && !(Letters.isLower(text.charAt(i - 1))
              && i + 1 < n
              && Letters.isLower(text.charAt(i + 1)))) {
        return false;
      }
    }
    return true;
  }

  /** The proper-cased word with the inner capitals of its text at from put back. */
  private static String innerCapitalsKept(String word, String text, int from) {
    char[] c = word.toCharArray();
    for (int i = 2; i < c.length - 1; i++) {
      if (innerCapitalAt(text, from, from + i)) {
        c[i] = Letters.toUpper(c[i]);
      }
    }
    return new String(c);
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '’' || c == '`' || c == 'ʼ';
  }

  /**
   * Whether the part at {@code from} opens with a one-letter particle and an apostrophe, as Irish
   * and French names do ({@code О'Коннор}, {@code Д'Артаньян}): the letter after the apostrophe is
   * a capital. An apostrophe later in the word ({@code Дем'яненко}), after another letter ({@code
   * В'ячеслав}) or before {@code я}, {@code ю}, {@code е} (a Ukrainian apostrophe: {@code
   * Д'яченко}) is followed by a small letter.
   */
  private static boolean afterParticle(String raw, int from, int to) {
    if (from + 2 >= to || !isApostrophe(raw.charAt(from + 1))) {
      return false;
    }
    char first = raw.charAt(from);
    char twin = Letters.cyrillicTwin(first);
    char particle = Letters.fold(twin != 0 ? twin : first);
    char next = Letters.fold(raw.charAt(from + 2));
    return (particle == 'о' || particle == 'д') && next != 'я' && next != 'ю' && next != 'е';
  }

  /**
   * The word text[from, to) proper-cased in one pass, Latin look-alikes put back; null if not a
   * Cyrillic word. Read in place: a substring per word cost as much as the casing.
   */
  private static Part part(String text, int from, int to) {
    int n = to - from;
    char[] w = new char[n];
    boolean hyphen = false;
    boolean cyrillic = false;
    int dash = -1;
    int partFrom = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(from + i);
      if (Letters.isHyphen(c)) {
        if (hyphen) {
          return null; // "--"
        }
        hyphen = true;
        dash = i;
        w[i] = '-';
        partFrom = i + 1;
        continue;
      }
      boolean partStart = i == 0 || hyphen;
      hyphen = false;
      if (Letters.isCyrillic(c)) {
        cyrillic = true;
      } else if (isApostrophe(c)) {
        c = c == '’' ? c : '\''; // "Дем`яненко", "Демʼяненко" typed with another mark
      } else {
        c = Letters.cyrillicTwin(c);
        if (c == 0) {
          return null; // Latin or another script
        }
      }
      w[i] =
          partStart || i == partFrom + 2 && afterParticle(text, from + partFrom, to)
              ? Letters.toUpper(c)
              : Letters.toLower(c);
    }
    if (!cyrillic && n > 1) {
      return null; // a word made only of Latin letters is not a Cyrillic word with a typo
    }
    if (n == 1) {
      return new Part(w[0] + ".", true, NONE);
    }
    String word = new String(w);
    if (dash > 0 && TURKIC.contains(word, dash + 1, n)) {
      // "Гусейн-оглы": the marker stays lower-case
      return new Part(
          word.substring(0, dash + 1) + Letters.lower(word.substring(dash + 1)), false, STRONG);
    }
    return new Part(word, false, dash >= 0 ? NONE : patronymic(word));
  }

  private static int patronymic(String word) {
    int n = word.length();
    if (n < 5) {
      return NONE;
    }
    char last = Letters.fold(word.charAt(n - 1));
    char beforeLast = Letters.fold(word.charAt(n - 2));
    if (!(last == 'ч' && beforeLast == 'и' || last == 'а' && beforeLast == 'н')) {
      return NONE; // every patronymic suffix ends in ич or на: most surnames are out at once
    }
    for (String suffix : STRONG_PATRONYMIC) {
      if (Letters.endsWith(word, suffix)) {
        return STRONG;
      }
    }
    return Letters.endsWith(word, "ич") ? WEAK : NONE;
  }

  private static ParsedName assign(List<Part> p) {
    oneLetterSurname(p);
    int n = p.size();
    int initials = 0;
    for (Part part : p) {
      if (part.initial) {
        initials++;
      }
    }
    if (initials == n) {
      return ParsedName.UNKNOWN;
    }
    if (n == 1) {
      Part w = p.get(0);
      return looksLikeSurname(w) ? ParsedName.person(w.text, null, null) : ParsedName.UNKNOWN;
    }
    if (n == 2) {
      return two(p.get(0), p.get(1));
    }
    if (n == 3) {
      return three(p.get(0), p.get(1), p.get(2));
    }
    if (initials > 0 || strongPatronymics(p) > 1) {
      return ParsedName.UNKNOWN; // "Новичков Тарас Викторович, Новичкова Анна Петровна": two people
    }
    // Four words or more: a surname of several words.
    if (p.get(n - 1).patronymic > NONE && p.get(1).patronymic == NONE) {
      return ParsedName.person(join(p, 0, n - 2), p.get(n - 2).text, p.get(n - 1).text);
    }
    if (p.get(1).patronymic > NONE && p.get(n - 1).patronymic == NONE) {
      return ParsedName.person(join(p, 2, n), p.get(0).text, p.get(1).text);
    }
    return ParsedName.UNKNOWN;
  }

  /**
   * Korean (and Chinese) surnames of one letter ({@code О}, {@code Ю}, {@code У}, {@code Е}),
   * written without a dot, first before full words ({@code О Ен Хи}, {@code Ю Андрей Сергеевич},
   * {@code Ю Ирина}) or last after a first name and a patronymic ({@code Андрей Сергеевич Ю}): the
   * letter is the surname, not an initial. A letter with a dot ({@code Ю. Андрей}), another letter
   * ({@code А Ирина}), other initials or a word ending like a surname beside it ({@code О Иванов
   * Иван}) leave it an initial.
   */
  private static void oneLetterSurname(List<Part> p) {
    int n = p.size();
    if (n < 2 || n > 3) {
      return;
    }
    int at;
    if (isOneLetterSurname(p.get(0))) {
      at = 0;
    } else if (n == 3 && isOneLetterSurname(p.get(2))) {
      if (!FIRST_NAMES.contains(p.get(0).text) || p.get(1).patronymic != STRONG) {
        return;
      }
      at = 2;
    } else {
      return;
    }
    for (int k = 0; k < n; k++) {
      Part w = p.get(k);
      if (k != at && (w.initial || hasSurnameEnding(w))) {
        return;
      }
    }
    if (n == 2 && !FIRST_NAMES.contains(p.get(1 - at).text)) {
      return; // "О Ирина", but "Ю Петров" is Петров Ю.
    }
    p.set(at, new Part(p.get(at).text.substring(0, 1), false, NONE));
  }

  private static boolean isOneLetterSurname(Part w) {
    return w.bare && ONE_LETTER_SURNAMES.contains(w.text, 0, 1);
  }

  private static final KeyTable<Boolean> ONE_LETTER_SURNAMES = KeyTable.words("о ю у е");

  private static ParsedName two(Part a, Part b) {
    if (a.initial) {
      return ParsedName.person(b.text, a.text, null);
    }
    if (b.initial) {
      return ParsedName.person(a.text, b.text, null);
    }
    if (b.patronymic == STRONG && a.patronymic == NONE) {
      return ParsedName.person(null, a.text, b.text);
    }
    if (FIRST_NAMES.contains(a.text) && !FIRST_NAMES.contains(b.text)) {
      return ParsedName.person(b.text, a.text, null);
    }
    if (hasSurnameEnding(b) && !hasSurnameEnding(a)) {
      // "Инга Петрова", "Заур Алиев", "Анжела Шевчук"; a first word that only might be a surname
      // ("Алия", "Алевтина" end like "Ильина") gives way to one that surely is
      return ParsedName.person(b.text, a.text, null);
    }
    return ParsedName.person(a.text, b.text, null);
  }

  private static ParsedName three(Part a, Part b, Part c) {
    if (a.initial || b.initial || c.initial) {
      if (a.initial && b.initial && !c.initial) {
        return ParsedName.person(c.text, a.text, b.text); // И.И. Иванов
      }
      if (!a.initial && b.initial && c.initial) {
        return ParsedName.person(a.text, b.text, c.text); // Иванов И.И.
      }
      if (!a.initial && !b.initial && c.initial) {
        return ParsedName.person(a.text, b.text, c.text); // Иванов Иван И.
      }
      if (!a.initial && b.initial && !c.initial) {
        return c.patronymic > NONE
            ? ParsedName.person(a.text, b.text, c.text) // Иванов И. Иванович
            : ParsedName.person(c.text, a.text, b.text); // Иван И. Иванов
      }
      return ParsedName.UNKNOWN;
    }
    boolean nameFirst;
    if (c.patronymic != b.patronymic) {
      nameFirst = b.patronymic > c.patronymic;
    } else {
      nameFirst = b.patronymic > NONE && FIRST_NAMES.contains(a.text);
    }
    return nameFirst
        ? ParsedName.person(c.text, a.text, b.text)
        : ParsedName.person(a.text, b.text, c.text);
  }

  /**
   * Endings only surnames have ({@code -ов}, {@code -ева}, {@code -ский}, {@code -енко}, …); unlike
   * {@link #SURNAME_ENDINGS} they leave out those first names share ({@code -ин} of Вениамин,
   * {@code -ия} of Алия, {@code -ьян} of Демьян).
   */
  private static final String[] STRONG_SURNAME_ENDINGS = {
    "ов", "ев", "ова", "ева", "ский", "цкий", "ская", "цкая", "енко", "швили", "дзе", "ук", "юк",
    "янц"
  };

  private static boolean hasSurnameEnding(Part w) {
    return endsLikeSurname(w, 4, STRONG_SURNAME_ENDINGS) || endsLikeArmenianSurname(w);
  }

  /**
   * {@code Карапетян}, {@code Петросян}: {@code -ян} after a consonant; first names in {@code -ян}
   * have a soft sign before it ({@code Демьян}, {@code Лукьян}).
   */
  private static boolean endsLikeArmenianSurname(Part w) {
    return endsLikeSurname(w, 5, ARMENIAN_ENDING)
        && Letters.fold(w.text.charAt(w.text.length() - 3)) != 'ь';
  }

  private static final String[] ARMENIAN_ENDING = {"ян"};

  private static int strongPatronymics(List<Part> p) {
    int count = 0;
    for (Part part : p) {
      if (part.patronymic == STRONG) {
        count++;
      }
    }
    return count;
  }

  private static boolean looksLikeSurname(Part w) {
    return endsLikeSurname(w, 3, SURNAME_ENDINGS);
  }

  /**
   * A word of at least {@code minLength} letters, not an initial, a common first name or a
   * patronymic, that ends in one of {@code endings}.
   */
  private static boolean endsLikeSurname(Part w, int minLength, String[] endings) {
    if (w.initial
        || w.text.length() < minLength
        || FIRST_NAMES.contains(w.text)
        || w.patronymic == STRONG) {
      return false;
    }
    return Letters.endsWithAny(w.text, endings);
  }

  private static String join(List<Part> p, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(p.get(i).text);
    }
    return b.toString();
  }
}
