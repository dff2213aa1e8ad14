package ru.aidabilling.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.StoredText;
import ru.aidabilling.core.domain.Text;
import ru.aidabilling.core.domain.WritePolicy;

/**
 * The two pure steps of a sync (spec 5, steps 4 and 5): what the billing identity wants the profile
 * to hold under a mapping mode, and which of those wishes are real changes under a write policy.
 * Kept apart from the service so the rules can be read and tested without any port.
 */
final class ProfileMapping {
  private static final Pattern POSTCODE = Pattern.compile("[0-9]{6}");

  private ProfileMapping() {}

  /**
   * The values billing wants in the profile: sets are non-blank and already cut to the column size
   * FreeScout stores (so a re-sync compares equal), the one clear is an organisation's last name.
   */
  static ProfilePatch desired(
      MappingMode mode, BillingAccount account, ParsedName name, ParsedAddress address) {
    ProfilePatch want = ProfilePatch.empty();
    switch (name.kind()) {
      case PERSON -> {
        want = set(want, ProfileField.FIRST_NAME, name.first());
        want = set(want, ProfileField.LAST_NAME, name.last());
      }
      case ORGANIZATION -> {
        if (fit(ProfileField.FIRST_NAME, name.org()) != null) {
          want = set(want, ProfileField.FIRST_NAME, name.org());
          want = want.withClear(ProfileField.LAST_NAME);
        }
      }
      case UNKNOWN -> {
        // an unparseable name changes no name field
      }
    }
    want = set(want, ProfileField.COMPANY, account.contract());
    switch (mode) {
      case SEED -> want = set(want, ProfileField.ZIP, address.settlement());
      case FULL -> {
        want = set(want, ProfileField.CITY, address.settlement());
        want = set(want, ProfileField.ADDRESS, streetLine(address));
        if (address.postcode() != null && POSTCODE.matcher(address.postcode()).matches()) {
          want = set(want, ProfileField.ZIP, address.postcode());
        }
      }
    }
    return want;
  }

  /**
   * The real changes, in field order: a wanted value that differs from the current one (under
   * {@code FILL_EMPTY} only where the field is empty now), and a wanted clear of a field that holds
   * something (never under {@code FILL_EMPTY}).
   */
  static List<FieldChange> diff(CustomerProfile current, ProfilePatch want, WritePolicy policy) {
    List<FieldChange> changes = new ArrayList<>();
    for (ProfileField f : ProfileField.values()) {
      String now = current.get(f);
      if (want.sets().containsKey(f)) {
        String value = want.sets().get(f);
        boolean allowed = policy == WritePolicy.OVERWRITE || now == null;
        if (allowed && !value.equals(now)) {
          changes.add(new FieldChange(f, now, value));
        }
      } else if (want.clears().contains(f)) {
        if (policy == WritePolicy.OVERWRITE && now != null) {
          changes.add(new FieldChange(f, now, null));
        }
      }
    }
    return changes;
  }

  /** The patch that applies exactly these changes. */
  static ProfilePatch patchOf(List<FieldChange> changes) {
    ProfilePatch patch = ProfilePatch.empty();
    for (FieldChange c : changes) {
      patch =
          c.newValue() == null
              ? patch.withClear(c.field())
              : patch.withSet(c.field(), c.newValue());
    }
    return patch;
  }

  /**
   * The street line of the {@code full} mapping: "street-type street house, корп. block, кв. flat"
   * ({@code улица Мира 15, кв. 3}); a house without a street reads {@code д. 8}. Null when the
   * address has none of these parts.
   */
  static String streetLine(ParsedAddress a) {
    StringBuilder line = new StringBuilder();
    appendWord(line, a.streetType());
    appendWord(line, a.street());
    if (a.house() != null) {
      line.append(line.length() == 0 ? "д. " : " ").append(a.house());
    }
    if (a.block() != null) {
      appendPart(line, "корп. " + a.block());
    }
    if (a.flat() != null) {
      appendPart(line, "кв. " + a.flat());
    }
    return Text.clean(line.toString());
  }

  /**
   * A value as FreeScout will store it: without markup, whitespace runs as one space, trimmed
   * ({@link StoredText}) and cut to the column size ({@link ProfileField#cut}: code points, as the
   * database counts characters, and a TEXT column's bytes), or null when nothing is left.
   */
  static String fit(ProfileField field, String value) {
    // only a value FreeScout stores as it is can be found unchanged by the next sync
    String v = StoredText.settled(wellFormed(value));
    String cut = field.cut(v);
    if (v == null || cut.length() == v.length()) {
      return v;
    }
    // the cut may leave what FreeScout strips again ("Светлый Яр <"); settling only shortens
    return StoredText.settled(cut);
  }

  /**
   * {@code value} with every unpaired surrogate (billing's JSON may carry one as an escape)
   * replaced by U+FFFD. Sent as it is, it reaches FreeScout as an escaped lone surrogate, PHP's
   * json_decode refuses the whole body, and the API answers 204 having saved nothing: the sync
   * would report and audit changes FreeScout never made, and make them again on every sync.
   */
  static String wellFormed(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
              : !Character.isLowSurrogate(c)
                  || i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
      if (!paired && out == null) {
        out = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (out != null) {
        out.append(paired ? c : '\uFFFD');
      }
    }
    return out == null ? value : out.toString();
  }

  private static ProfilePatch set(ProfilePatch patch, ProfileField field, String value) {
    String v = fit(field, value);
    return v == null ? patch : patch.withSet(field, v);
  }

  private static void appendWord(StringBuilder line, String word) {
    if (word != null) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
  }

  private static void appendPart(StringBuilder line, String part) {
    if (line.length() > 0) {
      line.append(", ");
    }
    line.append(part);
  }
}
