package ru.aidabilling.core.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.in.SyncOutcome;

/**
 * The JSON shapes of the wire contract (spec 11) as ordered maps, built in one place so that the
 * HTTP service, the sandbox and the CLI's {@code --json} answer alike. Each app serialises the maps
 * with its own JSON writer; keys keep their insertion order and null values stay as JSON null.
 */
public final class Wire {
  private Wire() {}

  /** The 200 body of a sync. */
  public static Map<String, Object> synced(SyncOutcome.Synced s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", s.status().wireName());
    m.put("customerId", s.customerId().value());
    m.put("requestId", s.requestId().value());
    m.put("phone", s.phone().e164());
    m.put("account", account(s.account()));
    m.put("name", name(s.name()));
    m.put("address", address(s.address()));
    m.put("changes", changes(s.changes()));
    return m;
  }

  /** The RFC 9457 problem for a failed sync, with candidates and account where they apply. */
  public static Map<String, Object> problem(SyncOutcome.Failed f) {
    Map<String, Object> m = problem(f.code(), f.detail(), f.requestId());
    if (f.code() == ErrorCode.AMBIGUOUS) {
      m.put("candidates", f.candidates().stream().map(Wire::account).toList());
    }
    m.put("account", f.account().map(Wire::account).orElse(null));
    return m;
  }

  /** A problem body for any error code; {@code requestId} may be null. */
  public static Map<String, Object> problem(ErrorCode code, String detail, RequestId requestId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", code.typeUri());
    m.put("title", code.title());
    m.put("status", code.httpStatus());
    m.put("code", code.name());
    m.put("detail", detail);
    m.put("requestId", requestId == null ? null : requestId.value());
    return m;
  }

  public static Map<String, Object> account(BillingAccount a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("contract", a.contract());
    m.put("fullName", a.fullName());
    m.put("address", a.address());
    m.put("tariff", a.tariff());
    m.put("balance", a.balance() == null ? null : a.balance().plain());
    m.put("currency", a.balance() == null ? null : a.balance().currency());
    return m;
  }

  public static Map<String, Object> name(ParsedName n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", n.kind().name());
    m.put("last", n.last());
    m.put("first", n.first());
    m.put("middle", n.middle());
    m.put("org", n.org());
    return m;
  }

  public static Map<String, Object> address(ParsedAddress a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("postcode", a.postcode());
    m.put("region", a.region());
    m.put("district", a.district());
    m.put("settlementType", a.settlementType());
    m.put("settlement", a.settlement());
    m.put("streetType", a.streetType());
    m.put("street", a.street());
    m.put("house", a.house());
    m.put("block", a.block());
    m.put("flat", a.flat());
    m.put("unparsed", a.unparsed());
    return m;
  }

  public static List<Map<String, Object>> changes(List<FieldChange> changes) {
    List<Map<String, Object>> out = new ArrayList<>(changes.size());
    for (FieldChange c : changes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("field", c.field().apiName());
      m.put("old", c.oldValue());
      m.put("new", c.newValue());
      out.add(m);
    }
    return out;
  }

  /**
   * An audit record's time: UTC with all nine digits of the second's fraction ({@code
   * 2026-01-15T09:30:25.100000000Z}), so that every time has the same width and sorting lines as
   * text ({@code sort}, merging rotated logs) orders them by time. {@link Instant#toString()} drops
   * trailing zeros in groups of three ({@code 09:30:25Z}, {@code 09:30:25.100Z}), and a {@code Z}
   * sorts after a {@code .}: a whole second came after the records later in that second. Readers
   * take any fraction ({@link Instant#parse}), so the lines written before stay readable.
   */
  private static final DateTimeFormatter AUDIT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** An audit record's time as its line holds it ({@link #AUDIT_TIME}). */
  public static String auditTime(Instant time) {
    return AUDIT_TIME.format(time);
  }

  /**
   * One audit line: {@code
   * {"time","actor","requestId","customerId","field","old","new","contract"}}.
   */
  public static Map<String, Object> auditRecord(AuditRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", auditTime(r.time()));
    m.put("actor", r.actor().value());
    m.put("requestId", r.requestId().value());
    m.put("customerId", r.customerId().value());
    m.put("field", r.field().apiName());
    m.put("old", r.oldValue());
    m.put("new", r.newValue());
    m.put("contract", r.contract());
    return m;
  }
}
