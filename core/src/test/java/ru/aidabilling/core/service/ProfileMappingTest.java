package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.WritePolicy;

class ProfileMappingTest {
  private static final BillingAccount ACCOUNT =
      new BillingAccount("0138", "ignored here", "ignored here", "2024_SMiT", Money.rub("1"));
  private static final ParsedName TARAS = ParsedName.person("Новичков", "Тарас", "Викторович");
  private static final ParsedAddress SOLYANOY =
      address(null, "поселок", "Соляной", null, "Набережная", "8/1", null, null);

  static ParsedAddress address(
      String postcode,
      String settlementType,
      String settlement,
      String streetType,
      String street,
      String house,
      String block,
      String flat) {
    return new ParsedAddress(
        postcode,
        null,
        null,
        settlementType,
        settlement,
        streetType,
        street,
        house,
        block,
        flat,
        null);
  }

  static CustomerProfile profile(
      String first, String last, String company, String zip, String city, String address) {
    return new CustomerProfile(
        CustomerId.of(31),
        first,
        last,
        company,
        zip,
        city,
        address,
        List.of("+79004445566"),
        List.of(),
        Instant.EPOCH);
  }

  @Test
  void seedMappingWantsNamesContractAndSettlementAsZip() {
    ProfilePatch want = ProfileMapping.desired(MappingMode.SEED, ACCOUNT, TARAS, SOLYANOY);

    assertEquals(
        Map.of(
            ProfileField.FIRST_NAME, "Тарас",
            ProfileField.LAST_NAME, "Новичков",
            ProfileField.COMPANY, "0138",
            ProfileField.ZIP, "Соляной"),
        want.sets());
    assertEquals(Set.of(), want.clears());
  }

  @Test
  void fullMappingWantsCityStreetLineAndPostcode() {
    ParsedAddress a = address("404130", "город", "Волжский", "улица", "Мира", "15", null, "3");

    ProfilePatch want = ProfileMapping.desired(MappingMode.FULL, ACCOUNT, TARAS, a);

    assertEquals(
        Map.of(
            ProfileField.FIRST_NAME, "Тарас",
            ProfileField.LAST_NAME, "Новичков",
            ProfileField.COMPANY, "0138",
            ProfileField.CITY, "Волжский",
            ProfileField.ADDRESS, "улица Мира 15, кв. 3",
            ProfileField.ZIP, "404130"),
        want.sets());
  }

  @Test
  void fullMappingWithoutAPostcodeLeavesTheZipAlone() {
    ProfilePatch want = ProfileMapping.desired(MappingMode.FULL, ACCOUNT, TARAS, SOLYANOY);

    assertEquals("Соляной", want.sets().get(ProfileField.CITY));
    assertEquals("Набережная 8/1", want.sets().get(ProfileField.ADDRESS));
    assertEquals(false, want.touches(ProfileField.ZIP));
  }

  @Test
  void fullMappingIgnoresAPostcodeThatIsNotSixDigits() {
    ParsedAddress a = address("4041", "город", "Волжский", null, null, null, null, null);

    ProfilePatch want = ProfileMapping.desired(MappingMode.FULL, ACCOUNT, TARAS, a);

    assertEquals(false, want.touches(ProfileField.ZIP));
  }

  @ParameterizedTest(name = "{0} {1} {2} к{3} кв{4} -> {5}")
  @CsvSource(
      nullValues = "-",
      value = {
        "улица, Мира, 15, -, 3, 'улица Мира 15, кв. 3'",
        "-, Набережная, 8/1, -, -, Набережная 8/1",
        "проспект, Ленина, 2, 1, 45, 'проспект Ленина 2, корп. 1, кв. 45'",
        "улица, Мира, -, -, -, улица Мира",
        "-, -, 8, -, -, д. 8",
        "-, -, -, -, -, -",
        "микрорайон, 32, 5, -, -, микрорайон 32 5",
        "улица, Мира, -, -, 7, 'улица Мира, кв. 7'",
      })
  void streetLine(
      String streetType, String street, String house, String block, String flat, String line) {
    ParsedAddress a = address(null, null, null, streetType, street, house, block, flat);

    assertEquals(line, ProfileMapping.streetLine(a));
  }

  @Test
  void anOrganisationSetsFirstNameAndClearsLastName() {
    ProfilePatch want =
        ProfileMapping.desired(
            MappingMode.SEED, ACCOUNT, ParsedName.organization("ООО «Ромашка»"), SOLYANOY);

    assertEquals("ООО «Ромашка»", want.sets().get(ProfileField.FIRST_NAME));
    assertEquals(Set.of(ProfileField.LAST_NAME), want.clears());
  }

  @Test
  void anUnknownNameWantsNoNameField() {
    ProfilePatch want =
        ProfileMapping.desired(MappingMode.SEED, ACCOUNT, ParsedName.UNKNOWN, SOLYANOY);

    assertEquals(false, want.touches(ProfileField.FIRST_NAME));
    assertEquals(false, want.touches(ProfileField.LAST_NAME));
    assertEquals("0138", want.sets().get(ProfileField.COMPANY));
  }

  @Test
  void aPersonWithOnlyInitialsIsStillAPerson() {
    ProfilePatch want =
        ProfileMapping.desired(
            MappingMode.SEED, ACCOUNT, ParsedName.person("Иванов", "И.", "И."), SOLYANOY);

    assertEquals("И.", want.sets().get(ProfileField.FIRST_NAME));
    assertEquals("Иванов", want.sets().get(ProfileField.LAST_NAME));
  }

  @Test
  void missingPartsWantNothingRatherThanBlanks() {
    BillingAccount bare = new BillingAccount(null, null, null, null, null);

    ProfilePatch want =
        ProfileMapping.desired(
            MappingMode.FULL, bare, ParsedName.person(null, "Тарас", null), ParsedAddress.EMPTY);

    assertEquals(Map.of(ProfileField.FIRST_NAME, "Тарас"), want.sets());
    assertEquals(Set.of(), want.clears());
  }

  @Test
  void theSettlementIsCutToTwelveCharactersForTheZip() {
    ParsedAddress a =
        address(null, "поселок", "Красноармейский Октябрьский", null, null, null, null, null);

    ProfilePatch want = ProfileMapping.desired(MappingMode.SEED, ACCOUNT, TARAS, a);

    assertEquals("Красноармейс", want.sets().get(ProfileField.ZIP));
  }

  @Test
  void aCutEndingInASpaceIsTrimmedAsFreeScoutWouldStoreIt() {
    assertEquals("Новая Деревн", ProfileMapping.fit(ProfileField.ZIP, "Новая Деревня"));
    // FreeScout collapses whitespace before the database cuts: it stores "Светлый Яр Х"
    assertEquals("Светлый Яр Х", ProfileMapping.fit(ProfileField.ZIP, "Светлый Яр    Х"));
    assertEquals("Малая Речка", ProfileMapping.fit(ProfileField.ZIP, "Малая Речка Хутор"));
  }

  @Test
  void aCutValueIsStoredAsItIsSoTheNextSyncFindsItUnchanged() {
    // the cut leaves "Светлый Яр <", which FreeScout would store as "Светлый Яр"
    assertEquals("Светлый Яр", ProfileMapping.fit(ProfileField.ZIP, "Светлый Яр  < Х"));
    String[] pieces = {"<", ">", " ", "а", "Б", "<b>", "\"", "\t", "<!--", "-->", "\u00a0"};
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 50_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int j = random.nextInt(12); j > 0; j--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String fitted = ProfileMapping.fit(ProfileField.ZIP, b.toString());
      assertEquals(
          fitted == null ? null : ru.aidabilling.core.domain.StoredText.asStored(fitted),
          fitted,
          "[" + b + "]");
    }
  }

  @Test
  void markupFromBillingIsWantedAsFreeScoutStoresIt() {
    // FreeScout strips tags from every customer field it saves: wanting the raw text would
    // differ from the stored value on every sync and write it again each time
    BillingAccount tagged =
        new BillingAccount("77\"<b>x</b>", "ignored", "ignored", "t", Money.rub("1"));

    ProfilePatch want =
        ProfileMapping.desired(
            MappingMode.SEED, tagged, ParsedName.organization("ООО \"<b>Ромашка</b>\""), SOLYANOY);

    assertEquals("77\"x", want.sets().get(ProfileField.COMPANY));
    assertEquals("ООО \"Ромашка\"", want.sets().get(ProfileField.FIRST_NAME));
    assertEquals(
        List.of(),
        ProfileMapping.diff(
            profile("ООО \"Ромашка\"", null, "77\"x", "Соляной", null, null),
            want,
            WritePolicy.OVERWRITE));
  }

  @Test
  void anOrganisationNameThatIsOnlyMarkupChangesNoName() {
    ProfilePatch want =
        ProfileMapping.desired(
            MappingMode.SEED, ACCOUNT, ParsedName.organization("<b></b>"), SOLYANOY);

    assertNull(want.sets().get(ProfileField.FIRST_NAME));
    assertEquals(Set.of(), want.clears());
  }

  @Test
  void theCutCountsCharactersNotUtf16Units() {
    String astral = "😀".repeat(13);

    assertEquals("😀".repeat(12), ProfileMapping.fit(ProfileField.ZIP, astral));
  }

  /**
   * A lone surrogate sent to FreeScout makes PHP refuse the whole JSON body while the API still
   * answers 204: nothing saved, yet the sync would report and audit it.
   */
  @Test
  void anUnpairedSurrogateFromBillingIsReplacedSoFreeScoutCanReadTheBody() {
    char high = (char) 0xD800;
    char low = (char) 0xDC00;
    String contract = "AB" + high + "CD" + low + "EF😀";
    BillingAccount account =
        new BillingAccount(contract, "ignored", "ignored", "t", Money.rub("1"));

    ProfilePatch want = ProfileMapping.desired(MappingMode.SEED, account, TARAS, SOLYANOY);

    String sent = want.sets().get(ProfileField.COMPANY);
    assertEquals("AB" + (char) 0xFFFD + "CD" + (char) 0xFFFD + "EF😀", sent);
    assertEquals(
        sent,
        new String(
            sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.StandardCharsets.UTF_8),
        "well-formed UTF-16: survives UTF-8 unchanged");
    assertEquals(
        "Тарас" + (char) 0xFFFD, ProfileMapping.fit(ProfileField.FIRST_NAME, "Тарас" + high));
    assertEquals(sent, ProfileMapping.fit(ProfileField.COMPANY, sent), "settled");
  }

  /**
   * company is a TEXT column: 65 535 bytes. A longer value was stored cut by MariaDB (32 767 of 40
   * 000 Cyrillic letters on FreeScout 1.8.235) while the sync audited the whole of it: written
   * again on every sync, and never undone (the field no longer held what the record said).
   */
  @Test
  void aContractOverTheTextColumnsBytesIsCutAsTheDatabaseCutsIt() {
    assertEquals("Ж".repeat(32_767), ProfileMapping.fit(ProfileField.COMPANY, "Ж".repeat(40_000)));
    assertEquals(
        "😀".repeat(16_383), ProfileMapping.fit(ProfileField.COMPANY, "😀".repeat(20_000)));
    assertEquals("1".repeat(65_535), ProfileMapping.fit(ProfileField.COMPANY, "1".repeat(70_000)));
    assertEquals("Ж".repeat(21_000), ProfileMapping.fit(ProfileField.COMPANY, "Ж".repeat(21_000)));
    assertEquals("Ж".repeat(255), ProfileMapping.fit(ProfileField.FIRST_NAME, "Ж".repeat(300)));
  }

  /**
   * A patch laid over a profile is cut as the database cuts it: by characters, not UTF-16 units.
   */
  @Test
  void applyingAPatchCutsCharactersNotUtf16Units() {
    CustomerProfile applied =
        profile(null, null, null, null, null, null)
            .apply(
                ProfilePatch.empty()
                    .withSet(ProfileField.ZIP, "😀".repeat(12))
                    .withSet(ProfileField.COMPANY, "Ж".repeat(40_000)));

    assertEquals("😀".repeat(12), applied.zip());
    assertEquals("Ж".repeat(32_767), applied.company());
  }

  @Test
  void overwriteChangesEveryDifferingField() {
    CustomerProfile now = profile("Ivan", "Новичков", null, "Старый", null, null);
    ProfilePatch want = ProfileMapping.desired(MappingMode.SEED, ACCOUNT, TARAS, SOLYANOY);

    List<FieldChange> changes = ProfileMapping.diff(now, want, WritePolicy.OVERWRITE);

    assertEquals(
        List.of(
            new FieldChange(ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            new FieldChange(ProfileField.COMPANY, null, "0138"),
            new FieldChange(ProfileField.ZIP, "Старый", "Соляной")),
        changes);
  }

  @Test
  void fillEmptyChangesOnlyEmptyFields() {
    CustomerProfile now = profile("Ivan", null, null, "Старый", null, null);
    ProfilePatch want = ProfileMapping.desired(MappingMode.SEED, ACCOUNT, TARAS, SOLYANOY);

    List<FieldChange> changes = ProfileMapping.diff(now, want, WritePolicy.FILL_EMPTY);

    assertEquals(
        List.of(
            new FieldChange(ProfileField.LAST_NAME, null, "Новичков"),
            new FieldChange(ProfileField.COMPANY, null, "0138")),
        changes);
  }

  @Test
  void aClearHappensOnlyForAFilledFieldAndNeverUnderFillEmpty() {
    ProfilePatch want =
        ProfileMapping.desired(
            MappingMode.SEED, ACCOUNT, ParsedName.organization("ООО Ромашка"), ParsedAddress.EMPTY);

    assertEquals(
        List.of(
            new FieldChange(ProfileField.FIRST_NAME, "Ivan", "ООО Ромашка"),
            new FieldChange(ProfileField.LAST_NAME, "Ivanov", null),
            new FieldChange(ProfileField.COMPANY, null, "0138")),
        ProfileMapping.diff(
            profile("Ivan", "Ivanov", null, null, null, null), want, WritePolicy.OVERWRITE));
    assertEquals(
        List.of(new FieldChange(ProfileField.FIRST_NAME, "Ivan", "ООО Ромашка")),
        ProfileMapping.diff(
            profile("Ivan", null, "0138", null, null, null), want, WritePolicy.OVERWRITE));
    assertEquals(
        List.of(new FieldChange(ProfileField.COMPANY, null, "0138")),
        ProfileMapping.diff(
            profile("Ivan", "Ivanov", null, null, null, null), want, WritePolicy.FILL_EMPTY));
  }

  @Test
  void aLongSettlementAlreadyStoredCutIsUnchanged() {
    ParsedAddress a =
        address(null, "поселок", "Красноармейский Октябрьский", null, null, null, null, null);
    CustomerProfile now = profile("Тарас", "Новичков", "0138", "Красноармейс", null, null);

    assertEquals(
        List.of(),
        ProfileMapping.diff(
            now,
            ProfileMapping.desired(MappingMode.SEED, ACCOUNT, TARAS, a),
            WritePolicy.OVERWRITE));
  }

  @Test
  void thePatchAppliesExactlyTheChanges() {
    ProfilePatch patch =
        ProfileMapping.patchOf(
            List.of(
                new FieldChange(ProfileField.FIRST_NAME, "Ivan", "ООО Ромашка"),
                new FieldChange(ProfileField.LAST_NAME, "Ivanov", null)));

    assertEquals(Map.of(ProfileField.FIRST_NAME, "ООО Ромашка"), patch.sets());
    assertEquals(Set.of(ProfileField.LAST_NAME), patch.clears());
    assertNull(patch.valueOf(ProfileField.ZIP).orElse(null));
  }
}
