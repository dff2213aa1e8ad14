package ru.aidabilling.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogSafetyTest {
  @Test
  void phonesInAnyFormAreMasked() {
    assertEquals("call +7900*****66 now", LogSafety.maskPhones("call +79004445566 now"));
    assertEquals("tel +7900*****66;", LogSafety.maskPhones("tel 8 (900) 444-55-66;"));
    assertEquals("x 1234*******90 y", LogSafety.maskPhones("x 1234567890190 y"));
    assertEquals("id 31, 2026-11-26", LogSafety.maskPhones("id 31, 2026-11-26"));
  }

  @Test
  void phonesWrittenWithDotsUnicodeSpacesAndDashesAreMaskedAsPhones() {
    for (String[] masked :
        new String[][] {
          {"тел. 8.900.444.55.66, долг", "тел. +7900*****66, долг"},
          {"тел +7(900)444.55.66.", "тел +7900*****66."},
          {"+7.900.444.55.66", "+7900*****66"},
          {"8 900 444\u00A055\u00A066", "+7900*****66"},
          {"8\u00A0(900)\u00A0444-55-66", "+7900*****66"},
          {"8\u2009900\u2009444\u200955\u200966", "+7900*****66"},
          {"+7\u202F900\u202F444\u202F55\u202F66", "+7900*****66"},
          {"8\u2013900\u2013444\u201355\u201366", "+7900*****66"},
          {"8\u2014900\u2010444\u201155\u221266", "+7900*****66"},
          {"8\u2E3A900\uFE63444\uFF0D55\u301C66", "+7900*****66"},
          {"\uFF18\uFF19\uFF10\uFF10\uFF14\uFF14\uFF14\uFF15\uFF15\uFF16\uFF16", "+7900*****66"},
          {"8 900 444 55 66 / 8 900 444 55 67", "+7900*****66 / +7900*****67"},
          {"8.900.444.55.66/8.900.444.55.67", "+7900*****66/+7900*****67"},
          {"в 12:30 8 900 444 55 66 звонил", "в 12:30 +7900*****66 звонил"},
          {"8 900 444 55 66 12:30", "+7900*****66 12:30"},
          {"8 (900) 444-55-66:1", "+7900*****66:1"},
          {"1.2.3.4.5.6.7.8.9.10", "1234*****10"},
        }) {
      assertEquals(masked[1], LogSafety.maskPhones(masked[0]), masked[0]);
    }
  }

  @Test
  void datesTimesAmountsIdsAndAddressesWithDotsAndSpacesStay() {
    for (String text :
        new String[] {
          "26.11.2026",
          "26.11.2026 12:00",
          "26.11.2026 12:00:00",
          "2026-11-26 12:00:00",
          "12:00:00 26.11.2026",
          "с 26.11.2026 12:00 по 27.11.2026 18:30",
          "сумма 1 234.56 ₽",
          "сумма 1\u00A0234\u00A0567.89",
          "сумма 1\u202F234.56",
          "127.0.0.1:8080",
          "http://192.168.100.200:8080/api",
          "connect to 192.168.100.200 timed out",
          "customer 31, request 123456789",
          "версия 1.2.3",
          "26\u201311\u20132026",
        }) {
      assertSame(text, LogSafety.maskPhones(text), text);
    }
  }

  @Test
  void aDateAtEitherEndOfARunIsNotPartOfAPhone() {
    for (String text :
        new String[] {
          "report /var/lib/aida-billing/sync-all-2026-01-15-00-00.jsonl",
          "audit 2026-01-15 15",
          "rotated at 15.01.2026 23 59",
          "since 2026-01-15/2026-02-15 12 00",
          "v 1 2 2026-01-15",
        }) {
      assertSame(text, LogSafety.maskPhones(text), text);
    }
    assertEquals(
        "2026-01-15 +7900*****66",
        LogSafety.maskPhones("2026-01-15 8 900 444 55 66"),
        "date first");
    assertEquals("15.01.2026 +7900*****66", LogSafety.maskPhones("15.01.2026 8 900 444 55 66"));
    assertEquals("tel +7900*****66 2026-01-15", LogSafety.maskPhones("tel 89004445566 2026-01-15"));
    // not dates: a month or a day out of range, a year outside 1900-2099, digits glued on
    for (String phoneLike :
        new String[] {
          "2026-13-15-12-34", "2026-01-32-12-34", "1899-01-15-12-34", "12026-01-15-1234"
        }) {
      assertNotEquals(phoneLike, LogSafety.maskPhones(phoneLike), phoneLike);
    }
  }

  @Test
  void aLineWithoutTenDigitsInARunIsReturnedAsItIsWithoutARegex() {
    String access = "01M8CFV1KDB6SQ6YBKRXX9KH2V POST /get_balance 200 12ms api-token:3f2a";
    assertSame(access, LogSafety.maskPhones(access));
    assertFalse(LogSafety.mayHoldPhone("id 31, 2026-11-26 at 12:00"));
    assertTrue(LogSafety.mayHoldPhone("tel 8 (900) 444-55-66"));
    assertTrue(LogSafety.mayHoldPhone("tel 8.900.444.55.66"));
    assertTrue(LogSafety.mayHoldPhone("tel 8\u00A0900\u00A0444\u201355\u201366"));
    assertFalse(LogSafety.mayHoldPhone("26.11.2026 в 12:00, 127.0.0.1:8080"));
    assertEquals(
        "phone\t+7900*****66", LogSafety.maskPhones("phone\t8\t900\t444\t55\t66"), "tabs too");
  }

  @Test
  void namesKeepOnlyTheirFirstLetter() {
    assertEquals("Н***", LogSafety.maskName("Новичков Тарас Викторович"));
    assertEquals("", LogSafety.maskName("  "));
  }

  @Test
  void runsOfNameLikeWordsKeepOnlyTheirFirstLetter() {
    assertEquals(
        "lastName: К*** с телефоном +7900*****66 уже существует",
        LogSafety.masked(
            "lastName: Клиент Новичков Тарас Викторович с телефоном +79004445566 уже существует"));
    assertEquals("абонент Н*** (долг)", LogSafety.maskNames("абонент Новичков Т.В. (долг)"));
    assertEquals("абонент Н*** (долг)", LogSafety.maskNames("абонент Новичков Т. В. (долг)"));
    assertEquals(
        "абонент Т*** заблокирован", LogSafety.maskNames("абонент Т.В. Новичков заблокирован"));
    assertEquals(
        "абонент Н*** заблокирован", LogSafety.maskNames("абонент НОВИЧКОВ ТАРАС заблокирован"));
    assertEquals("абонент Н***, долг", LogSafety.maskNames("абонент Новичков\tТарас, долг"));
    assertEquals("user J*** blocked", LogSafety.maskNames("user John Smith blocked"));
    assertEquals("абонент Г***", LogSafety.maskNames("абонент Гөлнара Хәбибуллина"));
    assertEquals("абонент О***", LogSafety.maskNames("абонент Олексій Петренко"));
    assertEquals(
        "абонент И*** заблокирован",
        LogSafety.maskNames("абонент Иванова-Петрова Анна заблокирован"));
    assertEquals("А*** заблокирован", LogSafety.maskNames("Абонент Иванова Анна заблокирован"));
  }

  @Test
  void upperCaseNamesWithShortWordsAreMaskedWhole() {
    for (String[] masked :
        new String[][] {
          {"абонент КИМ ОЛЕГ заблокирован", "абонент К*** заблокирован"},
          {"абонент ЛИ ИН", "абонент Л***"},
          {"ПАК АННА ЮРЬЕВНА: долг", "П***: долг"},
          {"абонент ЦОЙ ВИКТОР, долг", "абонент Ц***, долг"},
          {"абонент ОЛЕГ КИМ.", "абонент О***."},
          {"абонент КИМ О.В.", "абонент К***"},
          {"абонент КИМ Олег", "абонент К***"},
          {"ИП КИМ ОЛЕГ", "ИП К***"},
        }) {
      assertEquals(masked[1], LogSafety.maskNames(masked[0]), masked[0]);
    }
  }

  @Test
  void namesJoinedByPunctuationAreMaskedAsWithSpaces() {
    for (String[] masked :
        new String[][] {
          {"абонент Новичков,Тарас", "абонент Н***"},
          {"абонент Новичков, Тарас: долг", "абонент Н***: долг"},
          {"абонент \"Новичков\" \"Тарас\"", "абонент \"Н***\""},
          {"\"Новичков\", \"Тарас\", \"Викторович\"", "\"Н***\""},
          {"«Новичков» «Тарас»", "«Н***»"},
          {"НОВИЧКОВ_ТАРАС_ВИКТОРОВИЧ", "Н***"},
          {"Новичков;Тарас;Викторович", "Н***"},
          {"Новичков / Тарас", "Н***"},
          {"КИМ, ОЛЕГ", "К***"},
          {"Москва, Ленина", "М***"}, // as "Москва Ленина": two title-case words
        }) {
      assertEquals(masked[1], LogSafety.maskNames(masked[0]), masked[0]);
    }
    assertEquals(
        "клиент К*** (+7900*****66) не найден",
        LogSafety.masked("клиент КИМ, ОЛЕГ (8.900.444.55.66) не найден"));
  }

  @Test
  void abbreviationsQuotedNamesAndAddressesWithCommasStay() {
    for (String text :
        new String[] {
          "ООО РОМАШКА",
          "ИНН КПП ОГРН БИК",
          "ОАО ЗАО ПАО АО ИП НКО ТСЖ ЖСК СНТ",
          "УФНС РФ по МО",
          "УФНС РОССИИ",
          "ОГРН ОТСУТСТВУЕТ",
          "ФИО НЕ ЗАПОЛНЕНО",
          "АБОНЕНТ НЕ НАЙДЕН",
          "НДС 20%, СМС ПИН ЛС",
          "Л/С 1234 ЗАКРЫТ",
          "АТС ДСЛ ВОЛС ТВ",
          "Ошибка СМС шлюза",
          "Ошибка ФИО",
          "г. Москва, ул. Ленина",
          "ул. Ленина, д. 5",
          "УЛ. СПОРТИВНАЯ, Д. 7",
          "Москва, ЮАО, ул. Ленина",
          "Кафе «Светлана»",
          "Тариф \"Домашний\" не найден",
          "ООО «Ромашка», ИП Иванов",
          "«Server Error», «Not Found»",
          "Server_Error/Not_Found",
        }) {
      assertSame(text, LogSafety.maskNames(text), text);
    }
  }

  @Test
  void lowerCaseNamesAreMaskedWhenTheySurelyNameAPerson() {
    assertEquals(
        "абонент н*** не найден",
        LogSafety.maskNames("абонент новичков тарас викторович не найден"));
    assertEquals("клиент т***: долг", LogSafety.maskNames("клиент тарас новичков: долг"));
    assertEquals("абонент и***", LogSafety.maskNames("абонент иванова анна"));
    assertEquals("абонент п***.", LogSafety.maskNames("абонент петров иван."));
    assertEquals("клиент и***.", LogSafety.maskNames("клиент иванов иван иванович."));
    assertEquals(
        "абонент м*** не найден",
        LogSafety.maskNames("абонент мамедов эльчин ахмедович не найден"));
    assertEquals("ц***", LogSafety.maskNames("цыренова туяна баировна"));
    assertEquals("х***", LogSafety.maskNames("хабибуллина гульфия ринатовна"));
    for (String[] masked :
        new String[][] {
          {"абонент мельник ирина петровна не найден", "абонент м*** не найден"},
          {"абонент ким сергей викторович", "абонент к***"},
          {"клиент бондарь олег петрович", "клиент б***"},
          {"клиент сорокин иван", "клиент с***"},
          {"абонент никитина ольга", "абонент н***"},
          {"абонент сергей ильин", "абонент с***"},
          {"абонент ольга белых", "абонент о***"},
          {"абонент бойко андрей", "абонент б***"},
          {"абонент хабибуллин ринат", "абонент х***"},
          {"абонент донской дмитрий", "абонент д***"},
          {"абонент ирина петровна", "абонент и***"},
          {"абонент иван петрович сидоров", "абонент и***"},
          {"абонент анна сергеевна петрова", "абонент а***"},
          {"гражданин иван петров", "гражданин и***"},
          {"только иван петров", "только и***"},
          {"бригада монтажников олег сидоров выехала", "бригада монтажников о*** выехала"},
        }) {
      assertEquals(masked[1], LogSafety.maskNames(masked[0]), masked[0]);
    }
    assertEquals(
        "абонент Н*** (н***)", LogSafety.maskNames("абонент Новичков Тарас (новичков тарас)"));
  }

  @Test
  void lowerCaseNamesAreMaskedWhateverStandsBetweenTheirWordsAsInTitleCase() {
    for (String[] masked :
        new String[][] {
          {"абонент иванов  иван не найден", "абонент и*** не найден"},
          {"абонент иванов,иван", "абонент и***"},
          {"абонент иванов, иван иванович", "абонент и***"},
          {"абонент иванов; иван", "абонент и***"},
          {"fio=иванов_иван", "fio=и***"},
          {"иванов/иван", "и***"},
          {"\"иванов\" \"иван\"", "\"и***\""},
          {"клиент тарас,  новичков: долг", "клиент т***: долг"},
        }) {
      assertEquals(masked[1], LogSafety.maskNames(masked[0]), masked[0]);
      assertEquals(masked[1], LogSafety.masked(masked[0]), masked[0]);
    }
    for (String text :
        new String[] {
          "абонент не найден, повторите позже",
          "тарифы: домашний, базовый",
          "ошибок: 0, запросов, ответов",
          "договор расторгнут,  иванов",
          "иван, да марья",
        }) {
      assertSame(text, LogSafety.maskNames(text), text);
    }
  }

  @Test
  void namesSeparatedByNoBreakOrThinSpacesAreMaskedAsWithSpaces() {
    for (String space : new String[] {"\u00A0", "\u2009", "\u202F"}) {
      for (String[] masked :
          new String[][] {
            {"абонент Новичков_Тарас заблокирован", "абонент Н*** заблокирован"},
            {"Новичков_Тарас_Викторович", "Н***"},
            {"абонент НОВИЧКОВ_ТАРАС, долг", "абонент Н***, долг"},
            {"абонент КИМ_ОЛЕГ", "абонент К***"},
            {"абонент Новичков_Т.В. (долг)", "абонент Н*** (долг)"},
            {"абонент Новичков Т._В. (долг)", "абонент Н*** (долг)"},
            {"абонент Т.В._Новичков заблокирован", "абонент Т*** заблокирован"},
            {"абонент Новичков,_Тарас: долг", "абонент Н***: долг"},
            {"«Новичков»_«Тарас»", "«Н***»"},
            {"абонент Новичков_ Тарас", "абонент Н***"},
            {"абонент новичков_тарас_викторович не найден", "абонент н*** не найден"},
            {"клиент тарас_новичков: долг", "клиент т***: долг"},
            {"абонент иванов,_иван", "абонент и***"},
            {"абонент иванов__иван", "абонент и***"},
          }) {
        String text = masked[0].replace("_", space);
        assertEquals(masked[1], LogSafety.maskNames(text), text);
        assertEquals(masked[1], LogSafety.masked(text), text);
      }
      String quoted = "Абонент Новичков_Тарас_Викторович (+79004445566) заблокирован";
      assertEquals(
          "А*** (+7900*****66) заблокирован", LogSafety.masked(quoted.replace("_", space)));
      for (String text :
          new String[] {
            "ООО_РОМАШКА",
            "АБОНЕНТ_НЕ_НАЙДЕН",
            "Кафе_«Светлана»",
            "абонент_не_найден",
            "иван_да_марья",
            "договор расторгнут,_иванов",
          }) {
        String stays = text.replace("_", space);
        assertSame(stays, LogSafety.maskNames(stays), stays);
      }
    }
  }

  @Test
  void lowerCaseWordsThatNameNoOneAreLeftAlone() {
    for (String text :
        new String[] {
          "абонент не найден",
          "клиентов не найдено",
          "нет денег на счету у абонента",
          "договор расторгнут иванов",
          "ошибка базы данных: соединение разорвано",
          "иван да марья",
          "Ошибка соединения с базой данных",
          "Превышено количество запросов к API",
          "количество абонентов в базе: 0",
          "тарифов и услуг не найдено",
          "превышен лимит запросов т.к. сервер перегружен",
          "несколько последних запросов к нему не удались",
          "Слишком много запросов с этим токеном",
          "ошибка типична для старых версий",
          "г. волжский, ул. мира",
          "улица пушкина д.1",
          "5-я линия 3",
          "тарифный план марина",
          "с 1 марта новая версия тарифа",
          "к 8 марта новых абонентов",
          "опция ислам финанс",
          "алиса станция",
          "ошибка очень типична для старых версий",
          "такая схема условна",
          "новая блокировка условна"
        }) {
      assertSame(text, LogSafety.maskNames(text), text);
    }
  }

  @Test
  void aLongHostileTextIsCutBeforeItIsMasked() {
    String hostile = "А.".repeat(200_000) + " +79004445566";
    String logged =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10), () -> LogSafety.masked(hostile));
    assertTrue(logged.length() < LogSafety.MAX_TEXT + 50, "cut: " + logged.length());
    assertTrue(
        logged.endsWith("… (" + (hostile.length() - LogSafety.MAX_TEXT) + " more characters)"));
    assertFalse(logged.contains("4445566"), "nothing past the cut is logged");
  }

  @Test
  void ourOwnWordingAndAbbreviationsAreLeftAlone() {
    String ours =
        "FreeScout ответил ошибкой HTTP 500 при записи клиента 31: «Error occurred»; API & Webhooks";
    assertSame(ours, LogSafety.maskNames(ours));
    assertSame("Биллинг недоступен", LogSafety.maskNames("Биллинг недоступен"));
    assertSame("ООО Ромашка", LogSafety.maskNames("ООО Ромашка"), "one name-like word only");
    assertSame("«Server Error»", LogSafety.maskNames("«Server Error»"), "FreeScout's own text");
    assertSame("«Not Authorized»", LogSafety.maskNames("«Not Authorized»"));
    assertEquals(null, LogSafety.masked(null));
  }
}
