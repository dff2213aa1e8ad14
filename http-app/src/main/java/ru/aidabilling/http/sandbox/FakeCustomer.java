package ru.aidabilling.http.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A customer as the fake FreeScout stores it: every field the real API shows, null when empty.
 * Immutable; the fake replaces the whole record on each update, so a reader never sees half a
 * write.
 */
public record FakeCustomer(
    long id,
    String firstName,
    String lastName,
    String jobTitle,
    String company,
    String notes,
    String zip,
    String city,
    String state,
    String country,
    String address,
    List<PhoneEntry> phones,
    List<String> emails,
    List<String> websites,
    Instant createdAt,
    Instant updatedAt) {

  /** A phone as FreeScout keeps it: the value as typed and its type name. */
  public record PhoneEntry(String value, String type) {
    public PhoneEntry {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(type, "type");
    }
  }

  public FakeCustomer {
    phones = phones == null ? List.of() : List.copyOf(phones);
    emails = emails == null ? List.of() : List.copyOf(emails);
    websites = websites == null ? List.of() : List.copyOf(websites);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The full name as FreeScout shows it in the profile: first and last name, or nothing. */
  public String displayName() {
    String joined =
        ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    return joined.isEmpty() ? null : joined;
  }

  /**
   * The body of {@code GET /api/customers/{id}} in the real key order (API &amp; Webhooks 1.0.87):
   * camelCase top level, lists and the address under {@code _embedded}.
   */
  public Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("firstName", firstName);
    m.put("lastName", lastName);
    m.put("jobTitle", jobTitle);
    m.put("company", company);
    m.put("photoType", "unknown");
    m.put("photoUrl", "");
    m.put("createdAt", createdAt.toString());
    m.put("updatedAt", updatedAt.toString());
    m.put("notes", notes);
    Map<String, Object> embedded = new LinkedHashMap<>();
    List<Map<String, Object>> emailList = new ArrayList<>();
    for (int i = 0; i < emails.size(); i++) {
      emailList.add(entry(id * 10 + i, emails.get(i), "work"));
    }
    embedded.put("emails", emailList);
    List<Map<String, Object>> phoneList = new ArrayList<>();
    for (int i = 0; i < phones.size(); i++) {
      phoneList.add(entry(i, phones.get(i).value(), phones.get(i).type()));
    }
    embedded.put("phones", phoneList);
    embedded.put("social_profiles", List.of());
    List<Map<String, Object>> siteList = new ArrayList<>();
    for (int i = 0; i < websites.size(); i++) {
      Map<String, Object> site = new LinkedHashMap<>();
      site.put("id", i);
      site.put("value", websites.get(i));
      siteList.add(site);
    }
    embedded.put("websites", siteList);
    Map<String, Object> addr = new LinkedHashMap<>();
    addr.put("city", city);
    addr.put("state", state);
    addr.put("zip", zip);
    addr.put("country", country);
    addr.put("address", address);
    embedded.put("address", addr);
    m.put("_embedded", embedded);
    return m;
  }

  private static Map<String, Object> entry(long id, String value, String type) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", id);
    e.put("value", value);
    e.put("type", type);
    return e;
  }
}
