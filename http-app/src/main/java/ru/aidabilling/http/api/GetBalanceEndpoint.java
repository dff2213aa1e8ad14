package ru.aidabilling.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.wire.Wire;
import ru.aidabilling.http.HttpAnswer;

/**
 * {@code POST /get_balance} {@code {"customer_id", "phone"}}, kept for the seed's scripts: runs the
 * same sync as v1 (the phone must be on the profile) and answers the seed's exact success shape
 * ({@code success, balance, fullname, contract, first_name, last_name, zip}, plus {@code status},
 * {@code customerId}, {@code phone}, {@code changes} and {@code requestId}). Failures are {@code
 * {"success": false, "message", "code"}}, with HTTP 200 for {@code NOT_IN_BILLING} as the seed
 * answered. Missing text is {@code ""} as in the seed; an unknown balance is {@code null}.
 */
public final class GetBalanceEndpoint {
  private final SyncCustomerUseCase sync;
  private final MappingMode mapping;

  /**
   * @param mapping the service's mapping, to report the zip the sync wants when nothing changed
   */
  public GetBalanceEndpoint(SyncCustomerUseCase sync, MappingMode mapping) {
    this.sync = sync;
    this.mapping = mapping;
  }

  /**
   * @param writeBy the instant the sync's write must be over by (see {@link SyncCommand})
   */
  public HttpAnswer handle(
      byte[] body, Actor actor, RequestId requestId, Optional<Instant> writeBy) {
    ObjectNode json = Json.readObject(body, false);
    SyncCommand command =
        new SyncCommand(
            Fields.seedCustomerId(json, "customer_id"),
            Optional.of(Fields.requiredPhone(json, "phone")),
            Optional.empty(),
            false,
            Optional.empty(),
            actor,
            requestId,
            false,
            writeBy);
    SyncOutcome outcome = sync.sync(command);
    if (outcome instanceof SyncOutcome.Failed f) {
      return Answers.seedFailure(f.code(), f.detail(), requestId, f.account());
    }
    return Answers.json(200, success((SyncOutcome.Synced) outcome));
  }

  private Map<String, Object> success(SyncOutcome.Synced s) {
    ParsedName name = s.name();
    String first = name.kind() == ParsedName.Kind.ORGANIZATION ? name.org() : name.first();
    String last = name.kind() == ParsedName.Kind.PERSON ? name.last() : null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    m.put("balance", s.account().balance() == null ? null : s.account().balance().plain());
    m.put("fullname", text(s.account().fullName()));
    m.put("contract", text(s.account().contract()));
    m.put("first_name", text(first));
    m.put("last_name", text(last));
    m.put("zip", text(zip(s)));
    m.put("status", s.status().wireName());
    m.put("customerId", s.customerId().value());
    m.put("phone", s.phone().e164());
    m.put("changes", Wire.changes(s.changes()));
    m.put("requestId", s.requestId().value());
    return m;
  }

  /** The zip written, or (nothing written) the zip the mapping wants, cut as FreeScout cuts it. */
  private String zip(SyncOutcome.Synced s) {
    String z =
        s.changes().stream()
            .filter(c -> c.field() == ProfileField.ZIP)
            .map(c -> c.newValue())
            .findFirst()
            .orElseGet(
                () ->
                    mapping == MappingMode.FULL
                        ? s.address().postcode()
                        : s.address().settlement());
    return ProfileField.ZIP.cut(z);
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
