package ru.aidabilling.http.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's data: the seed's customer 31 and one customer for every outcome a support agent can
 * meet, with the matching billing answers. Kept in one place so that the page, the tests and the
 * browser test agree on who is who.
 */
final class SandboxSeed {
  static final long SEED = 31;
  static final long DEBT = 32;
  static final long SEVERAL = 33;
  static final long ORGANISATION = 34;
  static final long NOT_IN_BILLING = 35;
  static final long NO_PHONE = 36;
  static final long WRITE_FAILS = 37;
  static final long BILLING_DOWN = 38;
  static final long IN_SYNC = 39;
  static final long HTML_NAME = 40;
  static final long AUDIT_GAP = 41;

  /** The same base as the recorded FreeScout bodies; customers are created a minute apart. */
  private static final Instant CREATED = Instant.parse("2026-11-26T08:52:33Z");

  final List<SandboxCase> cases = new ArrayList<>();
  final List<FakeCustomer> customers = new ArrayList<>();
  final Map<String, FakeBilling.Answer> billing = new LinkedHashMap<>();
  final Set<Long> failingWrites = Set.of(WRITE_FAILS);

  /** Customers whose audit records the service cannot append ({@link AuditGapTrail}). */
  final Set<Long> failingAudit = Set.of(AUDIT_GAP);

  SandboxSeed() {
    customer(
        SEED,
        "Клиент из документа",
        "Новичков Тарас Викторович, договор 0138: баланс 256,52 ₽, профиль обновится"
            + " (имя, фамилия, компания, индекс).",
        "Ivan",
        "Petrov",
        null,
        null,
        List.of("+79004445566"),
        List.of(),
        List.of("https://example.amocrm.ru/contacts/detail/1"));
    found(
        "9004445566",
        client(
            "Новичков Тарас Викторович",
            "0138",
            "поселок Соляной Набережная 8/1",
            "2024_SMiT",
            "256.52"));

    customer(
        DEBT,
        "Долг",
        "Баланс −1 250,50 ₽ (биллинг отдаёт число), ФИО в разном регистре,"
            + " телефон записан как 8 (902) 111-22-33.",
        "Ольга",
        null,
        null,
        null,
        List.of("8 (902) 111-22-33"),
        List.of("olga@example.com"),
        List.of("http://olga.amocrm.com/contacts/detail/2"));
    found(
        "9021112233",
        client(
            "КУЗНЕЦОВА   ольга петровна",
            "2291",
            "г. Волжский, ул. Мира, д. 15, кв. 3",
            "Домашний 100",
            new BigDecimal("-1250.5")));

    customer(
        SEVERAL,
        "Несколько договоров",
        "На телефоне два договора: выберите нужный, и профиль обновится по нему.",
        "Иван",
        null,
        null,
        null,
        List.of("+7 902 333-44-55"),
        List.of(),
        List.of());
    several(
        "9023334455",
        client(
            "Петров Иван Сергеевич", "0512", "с. Райгород ул. Октябрьская 5", "2024_SMiT", "10.00"),
        client("Петрова Мария Ивановна", "0513", "с. Райгород ул. Октябрьская 5", "Эконом", "0"));

    customer(
        ORGANISATION,
        "Организация",
        "ООО «Ромашка»: имя ← название организации, фамилия очищается, стационарный телефон.",
        "Иван",
        "Директоров",
        null,
        null,
        List.of("+7 (8442) 55-66-77"),
        List.of("office@romashka.example"),
        List.of("https://romashka.example"));
    found(
        "8442556677",
        client(
            "ООО «Ромашка»",
            "Ю-0042",
            "404171, Волгоградская обл., Светлоярский р-н, р.п. Светлый Яр, ул. Спортивная,"
                + " д. 5, оф. 2",
            "Бизнес",
            "15000"));

    customer(
        NOT_IN_BILLING,
        "Нет в биллинге",
        "Телефона +79005550000 нет в биллинге: красное сообщение, профиль не меняется.",
        "Пётр",
        "Незнакомов",
        null,
        null,
        List.of("+79005550000"),
        List.of(),
        List.of("javascript:alert(1)"));

    customer(
        NO_PHONE,
        "Без телефона",
        "В профиле нет телефона: искать в биллинге нечего.",
        "Мария",
        "Безтелефонова",
        null,
        null,
        List.of(),
        List.of("no.phone@example.com"),
        List.of());

    customer(
        WRITE_FAILS,
        "FreeScout не сохраняет",
        "Биллинг отвечает (баланс «1 004,00»), но запись профиля в FreeScout падает с 500:"
            + " красное сообщение с балансом.",
        "Рашид",
        null,
        null,
        null,
        List.of("+79006667788"),
        List.of(),
        List.of());
    found(
        "9006667788",
        client(
            "Алиев Рашид Гусейн оглы",
            "0977",
            "р.п. Светлый Яр, мкр. 1, д. 12, кв. 45",
            "2024_SMiT",
            "1 004,00"));

    customer(
        BILLING_DOWN,
        "Биллинг недоступен",
        "Биллинг отвечает 500 со страницей nginx вместо JSON.",
        "Сергей",
        "Ждунов",
        null,
        null,
        List.of("+79007778899"),
        List.of(),
        List.of());
    billing.put(
        "9007778899",
        new FakeBilling.Answer(
            500,
            "text/html; charset=utf-8",
            "<html><head><title>500 Internal Server Error</title></head><body>nginx</body></html>"
                .getBytes(StandardCharsets.UTF_8)));

    customer(
        IN_SYNC,
        "Уже обновлён",
        "Профиль уже совпадает с биллингом: баланс показан, ничего не меняется.",
        "Анна",
        "Смирнова",
        "0777",
        "Волжский",
        List.of("+79008889900"),
        List.of(),
        List.of());
    found(
        "9008889900",
        client(
            "Смирнова Анна Павловна",
            "0777",
            "г. Волжский, ул. Ленина, д. 1",
            "2024_SMiT",
            "0.00"));

    customer(
        HTML_NAME,
        "HTML в ФИО",
        "ФИО в биллинге — <img src=x onerror=alert(1)>: показывается как текст, скрипт не"
            + " запускается.",
        "Проверка",
        "<b>XSS</b>",
        null,
        null,
        List.of("+79009990011"),
        List.of(),
        List.of());
    found(
        "9009990011",
        client(
            "<img src=x onerror=alert(1)>",
            "0404",
            "г. Камышин, ул. Мира, д. 3",
            "2024_SMiT",
            "12.00"));

    customer(
        AUDIT_GAP,
        "Журнал изменений не записан",
        "Профиль в FreeScout обновляется, но сервис не может записать это изменение в свой журнал:"
            + " жёлтое предупреждение с балансом и номером запроса для администратора.",
        "Екатерина",
        null,
        null,
        null,
        List.of("+79001230041"),
        List.of(),
        List.of());
    found(
        "9001230041",
        client(
            "Иванова Екатерина Сергеевна",
            "0641",
            "г. Волжский, ул. Пушкина, д. 7",
            "2024_SMiT",
            "530.00"));
  }

  private void customer(
      long id,
      String title,
      String description,
      String firstName,
      String lastName,
      String company,
      String zip,
      List<String> phones,
      List<String> emails,
      List<String> websites) {
    Instant created = CREATED.plus(id - SEED, ChronoUnit.MINUTES);
    cases.add(new SandboxCase(id, title, description));
    customers.add(
        new FakeCustomer(
            id,
            firstName,
            lastName,
            null,
            company,
            null,
            zip,
            null,
            null,
            null,
            null,
            phones.stream().map(p -> new FakeCustomer.PhoneEntry(p, "work")).toList(),
            emails,
            websites,
            created,
            created));
  }

  private static Map<String, Object> client(
      String fullname, String contract, String address, String tariff, Object ballance) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("fullname", fullname);
    c.put("contract_number", contract);
    c.put("address", address);
    c.put("tariff", tariff);
    c.put("ballance", ballance);
    return c;
  }

  private void found(String digits, Map<String, Object> client) {
    billing.put(digits, json(Map.of("client", client)));
  }

  @SafeVarargs
  private void several(String digits, Map<String, Object>... clients) {
    billing.put(digits, json(Map.of("clients", List.of(clients))));
  }

  private static FakeBilling.Answer json(Object body) {
    try {
      return new FakeBilling.Answer(
          200, "application/json; charset=utf-8", FakeHttp.JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
