package ru.aidabilling.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The character rules of request ids and actors, which go into headers, logs and the audit. */
class IdentifierRulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "01M8BZ7PFK6ASX6W5SDDT32H2R", "seed-31_retry", "Z9"})
  void aRequestIdOfLettersDigitsDashAndUnderscoreIsTaken(String id) {
    assertEquals(id, new RequestId(id).value());
  }

  @Test
  void aRequestIdOfSixtyFourIsTakenAndOfSixtyFiveIsNot() {
    assertEquals(64, new RequestId("x".repeat(64)).value().length());
    assertThrows(IllegalArgumentException.class, () -> new RequestId("x".repeat(65)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a/b", "a.b", "ид", "a\nb", "a\u0000", "../x", "a+b"})
  void anyOtherRequestIdIsRefused(String id) {
    assertThrows(IllegalArgumentException.class, () -> new RequestId(id));
  }

  @Test
  void generatedRequestIdsAreWellFormedAndDistinct() {
    RequestId a = RequestId.generate();
    RequestId b = RequestId.generate();
    assertEquals(26, a.value().length());
    assertEquals(a, new RequestId(a.value()));
    assertThrows(AssertionError.class, () -> assertEquals(a, b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook", "operator:alice", "freescout-user:5 agent@example.com", "~!"})
  void anActorOfPrintableAsciiIsTaken(String actor) {
    assertEquals(actor, new Actor(actor).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "оператор", "a\tb", "a\r\nX-Injected: 1", "a\u007F"})
  void anyOtherActorIsRefused(String actor) {
    assertThrows(IllegalArgumentException.class, () -> new Actor(actor));
  }

  @Test
  void anActorOfTwoHundredIsTakenAndOfTwoHundredAndOneIsNot() {
    assertEquals(200, new Actor("a".repeat(200)).value().length());
    assertThrows(IllegalArgumentException.class, () -> new Actor("a".repeat(201)));
  }

  @Test
  void anOperatorNeedsALogin() {
    assertEquals("operator:alice", Actor.operator("alice").value());
    assertThrows(IllegalArgumentException.class, () -> Actor.operator(null));
    assertThrows(IllegalArgumentException.class, () -> Actor.operator("  "));
  }

  @Test
  void mappingModesAndWritePoliciesReadInAnyCase() {
    assertEquals(MappingMode.SEED, MappingMode.parse(" Seed "));
    assertEquals(MappingMode.FULL, MappingMode.parse("FULL"));
    assertEquals(WritePolicy.FILL_EMPTY, WritePolicy.parse("fill-empty"));
    assertEquals(WritePolicy.FILL_EMPTY, WritePolicy.parse("FILL_EMPTY"));
    assertEquals(WritePolicy.OVERWRITE, WritePolicy.parse("overwrite"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bogus", "", "seedy"})
  void anUnknownMappingModeIsRefusedNamingTheChoices(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MappingMode.parse(text));
    assertEquals("mapping mode must be seed or full, not '" + text + "'", e.getMessage());
  }

  @Test
  void anUnknownOrMissingWritePolicyIsRefusedNamingTheChoices() {
    assertEquals(
        "write policy must be overwrite or fill-empty, not 'sometimes'",
        assertThrows(IllegalArgumentException.class, () -> WritePolicy.parse("sometimes"))
            .getMessage());
    assertEquals(
        "write policy must be overwrite or fill-empty, not 'null'",
        assertThrows(IllegalArgumentException.class, () -> WritePolicy.parse(null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> MappingMode.parse(null));
  }
}
