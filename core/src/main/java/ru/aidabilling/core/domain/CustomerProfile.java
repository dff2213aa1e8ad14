package ru.aidabilling.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A FreeScout customer as far as we care: the writable fields (null when empty), the phones as
 * written in the profile (profile order) and the website URLs.
 */
public record CustomerProfile(
    CustomerId id,
    String firstName,
    String lastName,
    String company,
    String zip,
    String city,
    String address,
    List<String> phones,
    List<String> websites,
    Instant createdAt) {
  public CustomerProfile {
    Objects.requireNonNull(id, "id");
    firstName = Text.clean(firstName);
    lastName = Text.clean(lastName);
    company = Text.clean(company);
    zip = Text.clean(zip);
    city = Text.clean(city);
    address = Text.clean(address);
    phones = phones == null ? List.of() : List.copyOf(phones);
    websites = websites == null ? List.of() : List.copyOf(websites);
  }

  /** The current value of a writable field, null when empty. */
  public String get(ProfileField field) {
    return switch (field) {
      case FIRST_NAME -> firstName;
      case LAST_NAME -> lastName;
      case COMPANY -> company;
      case ZIP -> zip;
      case CITY -> city;
      case ADDRESS -> address;
    };
  }

  /** For logs: names, company and address masked, phones as {@link Redacted#phoneText}. */
  @Override
  public String toString() {
    return "CustomerProfile[id="
        + id
        + ", firstName="
        + Redacted.name(firstName)
        + ", lastName="
        + Redacted.name(lastName)
        + ", company="
        + Redacted.text(company)
        + ", zip="
        + zip
        + ", city="
        + city
        + ", address="
        + Redacted.text(address)
        + ", phones="
        + phones.stream().map(Redacted::phoneText).toList()
        + ", websites="
        + websites
        + ", createdAt="
        + createdAt
        + "]";
  }

  /** This profile with a patch applied (as FreeScout would store it, incl. the zip cut). */
  public CustomerProfile apply(ProfilePatch patch) {
    String[] v = new String[ProfileField.values().length];
    for (ProfileField f : ProfileField.values()) {
      v[f.ordinal()] = patch.touches(f) ? patch.valueOf(f).orElse(null) : get(f);
      v[f.ordinal()] = f.cut(v[f.ordinal()]);
    }
    return new CustomerProfile(id, v[0], v[1], v[2], v[3], v[4], v[5], phones, websites, createdAt);
  }
}
