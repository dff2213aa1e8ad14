package ru.aidabilling.adapter.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.aidabilling.core.domain.PhoneFormat;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;

class BillingConfigTest {
  private static Settings env(Map<String, String> env) {
    return Settings.load(env, Map.of(), Optional.empty());
  }

  @Test
  void defaultsAreThoseOfTheSpec() {
    BillingConfig c = BillingConfig.of(URI.create("https://billing.example/api/phone.php"));
    assertEquals(PhoneFormat.E164, c.phoneFormat());
    assertEquals(Duration.ofSeconds(2), c.connectTimeout());
    assertEquals(Duration.ofSeconds(5), c.answerTimeout());
    assertEquals(Duration.ofMillis(300), c.retryDelay());
    assertEquals(1024 * 1024, c.maxBodyBytes());
  }

  @Test
  void theAppsGetTheSpecsDefaultsFromSettingsToo() {
    // the apps build the config from settings, not with of(): spec 10's budget must hold there
    BillingConfig c =
        BillingConfig.fromSettings(
            env(Map.of("AIDA_BILLING_URL", "https://billing.example/api/phone.php")));
    assertEquals(PhoneFormat.E164, c.phoneFormat());
    assertEquals(Duration.ofSeconds(2), c.connectTimeout());
    assertEquals(Duration.ofSeconds(5), c.answerTimeout());
    assertEquals(Duration.ofMillis(300), c.retryDelay());
    assertEquals(1024 * 1024, c.maxBodyBytes());
  }

  @Test
  void fromSettingsReadsEveryBillingSetting() {
    BillingConfig c =
        BillingConfig.fromSettings(
            env(
                Map.of(
                    "AIDA_BILLING_URL", "https://billing.example/api/phone.php",
                    "AIDA_BILLING_PHONE_FORMAT", "national8",
                    "AIDA_BILLING_EXTRA_HEADER", "X-Api-Key: abc: def",
                    "AIDA_BILLING_EXTRA_QUERY", "key=k1&v=2",
                    "AIDA_BILLING_TIMEOUT_MS", "7000",
                    "AIDA_BILLING_CONNECT_TIMEOUT_MS", "1500",
                    "AIDA_BILLING_RETRY_DELAY_MS", "0")));
    assertEquals(PhoneFormat.NATIONAL8, c.phoneFormat());
    assertEquals(new BillingConfig.Header("X-Api-Key", "abc: def"), c.extraHeader().orElseThrow());
    assertEquals(Map.of("key", "k1", "v", "2"), c.extraQuery());
    assertEquals(Duration.ofSeconds(7), c.answerTimeout());
    assertEquals(Duration.ofMillis(1500), c.connectTimeout());
    assertEquals(Duration.ZERO, c.retryDelay());
  }

  @Test
  void badSettingsNameTheSettingAndNeverTheSecret() {
    SettingsException header =
        assertThrows(
            SettingsException.class,
            () ->
                BillingConfig.fromSettings(
                    env(
                        Map.of(
                            "AIDA_BILLING_URL", "https://b.example/",
                            "AIDA_BILLING_EXTRA_HEADER", "no colon secret-value"))));
    assertEquals("AIDA_BILLING_EXTRA_HEADER", header.settingName());
    assertFalse(header.getMessage().contains("secret-value"), header.getMessage());

    SettingsException query =
        assertThrows(
            SettingsException.class,
            () ->
                BillingConfig.fromSettings(
                    env(
                        Map.of(
                            "AIDA_BILLING_URL", "https://b.example/",
                            "AIDA_BILLING_EXTRA_QUERY", "phone=1"))));
    assertEquals("AIDA_BILLING_EXTRA_QUERY", query.settingName());

    SettingsException format =
        assertThrows(
            SettingsException.class,
            () ->
                BillingConfig.fromSettings(
                    env(
                        Map.of(
                            "AIDA_BILLING_URL", "https://b.example/",
                            "AIDA_BILLING_PHONE_FORMAT", "E165"))));
    assertEquals("AIDA_BILLING_PHONE_FORMAT", format.settingName());

    assertEquals(
        "AIDA_BILLING_URL",
        assertThrows(SettingsException.class, () -> BillingConfig.fromSettings(env(Map.of())))
            .settingName());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://b.example/x", "/relative", "https://user:pw@b.example/", "https://b/#x"})
  void badUrlsAreRefused(String url) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BillingConfig.of(URI.create(url)));
    // says what it is in words for a program that set it in code, and the setting for operators
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().startsWith("the billing URL (AIDA_BILLING_URL) must "), e.getMessage());
  }

  @Test
  void badValuesAreRefused() {
    BillingConfig c = BillingConfig.of(URI.create("https://b.example/"));
    for (String h :
        List.of(
            "Host",
            "Connection",
            "Origin",
            "Via",
            "Keep-Alive",
            "transfer-encoding",
            "TE",
            "Trailer")) {
      assertThrows(IllegalArgumentException.class, () -> c.withExtraHeader(h, "x"), h);
    }
    assertThrows(IllegalArgumentException.class, () -> c.withExtraHeader("Bad Name", "x"));
    assertThrows(IllegalArgumentException.class, () -> c.withExtraHeader("X-Key", "a\r\nb"));
    // what the exchange would refuse on every call is refused here, once, as a setting: a control
    // character or a letter past Latin-1 in the value (before, every lookup failed unsent)
    assertThrows(IllegalArgumentException.class, () -> c.withExtraHeader("X-Key", "a\u0001b"));
    assertThrows(IllegalArgumentException.class, () -> c.withExtraHeader("X-Key", "ключ"));
    assertEquals(
        "X-Key: ***", c.withExtraHeader("X-Key", "Bearer a\tb").extraHeader().get().toString());
    assertThrows(IllegalArgumentException.class, () -> c.withTimeouts(Duration.ZERO, null));
    assertThrows(IllegalArgumentException.class, () -> c.withRetryDelay(Duration.ofMillis(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new BillingConfig.Breaker(2, 5, 50f, Duration.ofSeconds(1), 1));
  }

  @Test
  void toStringMasksTheHeaderValueAndQueryValues() {
    String s =
        BillingConfig.of(URI.create("https://b.example/api?token=url-secret"))
            .withExtraHeader("X-Key", "header-secret")
            .withExtraQuery(Map.of("key", "query-secret"))
            .toString();
    assertFalse(s.contains("secret"), s);
    assertTrue(s.contains("X-Key: ***") && s.contains("key=***"), s);
  }
}
