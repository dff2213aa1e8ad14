package ru.aidabilling.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec 4: FreeScout clears a field on {@code null} or {@code ""}, so a patch can never carry a
 * blank value by accident; a clear is only ever asked for by name.
 */
class ProfilePatchTest {

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", "  \n "})
  void aBlankValueIsNeverASet(String blank) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ProfilePatch(Map.of(ProfileField.ZIP, blank), Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProfilePatch.empty().withSet(ProfileField.FIRST_NAME, blank));
  }

  @Test
  void aNullValueIsNeverASetEither() {
    Map<ProfileField, String> sets = new HashMap<>();
    sets.put(ProfileField.COMPANY, null);
    assertThrows(IllegalArgumentException.class, () -> new ProfilePatch(sets, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProfilePatch.empty().withSet(ProfileField.COMPANY, null));
  }

  @Test
  void aFieldIsEitherSetOrClearedNeverBoth() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ProfilePatch(
                Map.of(ProfileField.LAST_NAME, "Новичков"), Set.of(ProfileField.LAST_NAME)));

    ProfilePatch cleared =
        ProfilePatch.empty()
            .withSet(ProfileField.LAST_NAME, "Новичков")
            .withClear(ProfileField.LAST_NAME);
    assertEquals(Map.of(), cleared.sets());
    assertEquals(Set.of(ProfileField.LAST_NAME), cleared.clears());
    assertEquals(Optional.empty(), cleared.valueOf(ProfileField.LAST_NAME));

    ProfilePatch setAgain = cleared.withSet(ProfileField.LAST_NAME, "Новичков");
    assertEquals(Set.of(), setAgain.clears());
    assertEquals(Optional.of("Новичков"), setAgain.valueOf(ProfileField.LAST_NAME));
  }

  @Test
  void onlyTheNamedFieldsAreTouched() {
    ProfilePatch p =
        ProfilePatch.empty()
            .withSet(ProfileField.FIRST_NAME, "Тарас")
            .withClear(ProfileField.LAST_NAME);
    for (ProfileField f : ProfileField.values()) {
      assertEquals(
          f == ProfileField.FIRST_NAME || f == ProfileField.LAST_NAME, p.touches(f), f.name());
    }
    assertTrue(ProfilePatch.empty().isEmpty());
    assertTrue(
        Arrays.stream(ProfileField.values()).noneMatch(ProfilePatch.empty()::touches),
        "the empty patch touches nothing");
  }
}
