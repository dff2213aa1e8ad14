package ru.aidabilling.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;

/**
 * The service started in-process on port 0 over core's in-memory ports (behind the real services),
 * seeded with the seed's customer 31 and customers that show the other outcomes, plus a small HTTP
 * client. Tests close it.
 */
final class TestApp implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789";
  static final Phone SEED_PHONE = new Phone("+79004445566");
  static final BillingAccount SEED_ACCOUNT =
      new BillingAccount(
          "0138",
          "Новичков Тарас Викторович",
          "поселок Соляной Набережная 8/1",
          "2024_SMiT",
          Money.rub("256.52"));

  final InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
  final InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
  final InMemoryAuditTrail audit = new InMemoryAuditTrail();
  final RunningApp app;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestApp() {
    this(base());
  }

  TestApp(Settings settings) {
    seed();
    app = HttpApp.start(settings, new HttpApp.Upstreams(billing, customers, audit));
  }

  /** Defaults with a token, port 0 and the limits switched off (tests switch them back on). */
  static Settings base() {
    return Settings.defaults()
        .with(Setting.API_TOKENS, TOKEN)
        .with(Setting.HTTP_PORT, "0")
        .with(Setting.RATE_LIMIT_PER_SECOND, "0")
        .with(Setting.AUTH_FAILURES_PER_MINUTE, "0");
  }

  /** An app over other ports (e.g. a blocking billing). */
  TestApp(Settings settings, HttpApp.Upstreams upstreams) {
    app = HttpApp.start(settings, upstreams);
  }

  private void seed() {
    customers.put(profile(31, "Ivan", null, List.of("+7 (900) 444-55-66")));
    customers.put(profile(40, null, null, List.of()));
    customers.put(profile(41, null, null, List.of("+79001234567")));
    customers.put(profile(42, null, null, List.of("8 900 777 88 99")));
    customers.put(profile(43, "Ольга", "Петрова", List.of("+79005550011")));
    billing.put(SEED_PHONE, SEED_ACCOUNT);
    billing.put(
        new Phone("+79007778899"),
        new BillingAccount(
            "0512", "Сидоров Пётр Ильич", "город Волжский Мира 5", "Base", Money.rub("10")),
        new BillingAccount(
            "0513",
            "Сидорова Анна Петровна",
            "город Волжский Мира 5",
            "Base",
            Money.rub("-1250.5")));
    billing.put(
        new Phone("+79005550011"),
        new BillingAccount(
            "0700", "Петрова Ольга Ивановна", "село Ерзовка Ленина 1", "Base", Money.rub("5")));
  }

  static CustomerProfile profile(long id, String first, String last, List<String> phones) {
    return new CustomerProfile(
        CustomerId.of(id), first, last, null, null, null, null, phones, List.of(), Instant.EPOCH);
  }

  URI uri(String pathAndQuery) {
    return app.baseUri()
        .resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
  }

  HttpRequest.Builder authed(String path) {
    return request(path).header("Authorization", "Bearer " + TOKEN);
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        authed(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  HttpResponse<String> get(String path) {
    return send(authed(path).GET());
  }

  @Override
  public void close() {
    app.close();
  }
}
