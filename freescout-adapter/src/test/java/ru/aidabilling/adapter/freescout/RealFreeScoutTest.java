package ru.aidabilling.adapter.freescout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.PageQuery;

/**
 * The adapter against a real FreeScout with the "API &amp; Webhooks" module, when {@code
 * AIDA_IT_FREESCOUT_URL} and {@code AIDA_IT_FREESCOUT_API_KEY} are set (skipped otherwise). It
 * creates a throw-away customer through the API, since a real help desk's ids cannot be chosen (so
 * the id-based contract test cannot run there), and checks the facts the adapter relies on.
 */
@EnabledIfEnvironmentVariable(named = "AIDA_IT_FREESCOUT_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "AIDA_IT_FREESCOUT_API_KEY", matches = ".+")
class RealFreeScoutTest {
  private static FreeScoutConfig config;
  private static CustomerId id;

  @BeforeAll
  static void createCustomer() throws Exception {
    config =
        FreeScoutConfig.of(
            URI.create(System.getenv("AIDA_IT_FREESCOUT_URL")),
            System.getenv("AIDA_IT_FREESCOUT_API_KEY"));
    HttpRequest post =
        HttpRequest.newBuilder(config.resolve("api/customers"))
            .header("X-FreeScout-API-Key", config.apiKey())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"firstName\":\"Aida IT\",\"lastName\":\"Petrov\","
                        + "\"emails\":[{\"value\":\"aida-it-"
                        + System.nanoTime()
                        + "@example.com\",\"type\":\"work\"}],"
                        + "\"phones\":[{\"value\":\"+79004445566\",\"type\":\"work\"}]}"))
            .build();
    HttpResponse<String> created =
        HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    id = CustomerId.of(Long.parseLong(created.headers().firstValue("Resource-ID").orElseThrow()));
  }

  @Test
  void readsWritesTheSeedPatchTwiceAndLists() {
    var fs = new FreeScoutCustomerDirectory(config);
    fs.ping();
    assertEquals(List.of("+79004445566"), fs.find(id).orElseThrow().phones());

    ProfilePatch seed =
        ProfilePatch.empty()
            .withSet(ProfileField.FIRST_NAME, "Тарас")
            .withSet(ProfileField.LAST_NAME, "Новичков")
            .withSet(ProfileField.COMPANY, "0138")
            .withSet(ProfileField.ZIP, "Соляной");
    fs.update(id, seed);
    CustomerProfile once = fs.find(id).orElseThrow();
    fs.update(id, seed);
    assertEquals(once, fs.find(id).orElseThrow(), "a repeated PUT leaves the same state");
    assertEquals("Соляной", once.zip());

    fs.update(
        id,
        ProfilePatch.empty()
            .withSet(ProfileField.ADDRESS, "Набережная 8/1")
            .withClear(ProfileField.LAST_NAME));
    CustomerProfile after = fs.find(id).orElseThrow();
    assertEquals("Набережная 8/1", after.address());
    assertEquals(null, after.lastName());
    assertEquals("Соляной", after.zip(), "untouched fields stay");

    // an undo clears a street line that was empty before the sync
    fs.update(id, ProfilePatch.empty().withClear(ProfileField.ADDRESS));
    CustomerProfile cleared = fs.find(id).orElseThrow();
    assertEquals(null, cleared.address());
    assertEquals("Соляной", cleared.zip(), "untouched fields stay");

    assertEquals(Optional.empty(), fs.find(CustomerId.of(999_999_999)));
    fs.list(new PageQuery(1, 5, Optional.empty()));
  }

  @Test
  void aWrongKeyIsAConfigurationError() {
    var wrong =
        new FreeScoutCustomerDirectory(FreeScoutConfig.of(config.baseUrl(), "wrong-key-123"));
    assertEquals(
        ErrorCode.CONFIGURATION, assertThrows(UpstreamException.class, wrong::ping).code());
  }
}
