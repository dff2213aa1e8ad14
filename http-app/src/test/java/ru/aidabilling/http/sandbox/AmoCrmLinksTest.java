package ru.aidabilling.http.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The page's copy of the module's amoCRM rule keeps the module's cases. */
class AmoCrmLinksTest {
  @ParameterizedTest
  @CsvSource({
    "https://example.amocrm.ru/contacts/detail/1, https://example.amocrm.ru/contacts/detail/1",
    "http://olga.amocrm.com/contacts/detail/2, https://olga.amocrm.com/contacts/detail/2",
    "HTTPS://Example.AmoCRM.ru/x?a=1#f, https://example.amocrm.ru/x?a=1#f",
    "amocrm.ru, https://amocrm.ru/",
    "pavel.amocrm.ru/contacts/detail/75005811, https://pavel.amocrm.ru/contacts/detail/75005811",
    "https://a.amocrm.ru./p, https://a.amocrm.ru/p"
  })
  void acceptsAmoCrmHostsAndAlwaysGivesHttps(String in, String out) {
    assertEquals(Optional.of(out), AmoCrmLinks.normalize(in));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "data:text/html,amocrm.ru",
        "ftp://example.amocrm.ru/",
        "https://amocrm.ru.evil.example/",
        "https://evilamocrm.ru/",
        "https://evil.example/amocrm.ru",
        "https://user@example.amocrm.ru/",
        "https://example.amocrm.ru:8443/",
        "https://example.amocrm.ru\\@evil.example/",
        "//example.amocrm.ru/",
        "https://exa mple.amocrm.ru/",
        "",
        "   "
      })
  void refusesEverythingElse(String in) {
    assertEquals(Optional.empty(), AmoCrmLinks.normalize(in));
  }

  @Test
  void picksTheFirstAmoCrmWebsite() {
    assertEquals(
        Optional.of("https://b.amocrm.ru/2"),
        AmoCrmLinks.pick(
            List.of("https://example.com", "http://b.amocrm.ru/2", "https://c.amocrm.ru/3")));
    assertEquals(Optional.empty(), AmoCrmLinks.pick(List.of()));
  }
}
