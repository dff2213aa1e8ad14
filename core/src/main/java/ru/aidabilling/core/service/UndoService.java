package ru.aidabilling.core.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.UndoCommand;
import ru.aidabilling.core.port.in.UndoReport;
import ru.aidabilling.core.port.in.UndoReport.Item;
import ru.aidabilling.core.port.in.UndoReport.Result;
import ru.aidabilling.core.port.in.UndoUseCase;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.CustomerDirectory;

/**
 * Puts back what syncs wrote, from the audit trail ({@code aida-billing undo}).
 *
 * <p>The selection is a customer's records (optionally those at or after a time) or one request's
 * records. For each customer and field in it, the records are undone from the latest back, each
 * only while the field (as the later undos leave it) still holds that record's {@code new}: the
 * field goes back to the {@code old} of the earliest record reached. A field that no longer holds
 * the latest record's {@code new} was changed by someone since and is left alone; a change made by
 * someone between two syncs stops the walk there, so it is kept rather than overwritten by an older
 * value. A field that already holds the value to restore needs nothing. A null old value is
 * restored by a clear. Each customer gets one update, and the undo's own writes are audited under
 * the command's actor and request id, so an undo can itself be undone.
 *
 * <p>A customer that vanished or a FreeScout failure marks that customer's items {@code FAILED};
 * the other customers go on. A trail that cannot be read throws (as {@link AuditTrail#records}).
 */
public final class UndoService implements UndoUseCase {
  private final AuditTrail audit;
  private final CustomerDirectory customers;
  private final Clock clock;

  public UndoService(AuditTrail audit, CustomerDirectory customers, Clock clock) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public UndoReport undo(UndoCommand command) {
    Objects.requireNonNull(command, "command");
    Map<CustomerId, Map<ProfileField, List<AuditRecord>>> selected = select(command);
    List<Item> items = new ArrayList<>();
    for (Map.Entry<CustomerId, Map<ProfileField, List<AuditRecord>>> e : selected.entrySet()) {
      try {
        items.addAll(undoCustomer(command, e.getKey(), e.getValue()));
      } catch (RuntimeException unexpected) {
        items.addAll(
            failAll(
                e.getKey(),
                e.getValue(),
                ErrorCode.INTERNAL,
                "внутренняя ошибка (" + unexpected.getClass().getSimpleName() + ")"));
      }
    }
    return new UndoReport(items);
  }

  /**
   * The selected records by customer (first seen first) and field, each list oldest first by time.
   */
  private Map<CustomerId, Map<ProfileField, List<AuditRecord>>> select(UndoCommand command) {
    Predicate<AuditRecord> wanted;
    if (command.request().isPresent()) {
      wanted = r -> r.requestId().equals(command.request().get());
    } else {
      CustomerId customer = command.customer().orElseThrow();
      Optional<Instant> since = command.since();
      wanted =
          r ->
              r.customerId().equals(customer)
                  && (since.isEmpty() || !r.time().isBefore(since.get()));
    }
    Map<CustomerId, Map<ProfileField, List<AuditRecord>>> selected = new LinkedHashMap<>();
    try (Stream<AuditRecord> records = audit.records()) {
      records
          .filter(wanted)
          .forEach(
              r ->
                  selected
                      .computeIfAbsent(r.customerId(), k -> new EnumMap<>(ProfileField.class))
                      .computeIfAbsent(r.field(), k -> new ArrayList<>())
                      .add(r));
    }
    // Syncs append their records after the write, outside the customer's lock, so two writes of
    // one field can reach the file out of order; their times are taken in write order.
    for (Map<ProfileField, List<AuditRecord>> byField : selected.values()) {
      for (List<AuditRecord> records : byField.values()) {
        records.sort(Comparator.comparing(AuditRecord::time));
      }
    }
    return selected;
  }

  private List<Item> undoCustomer(
      UndoCommand command, CustomerId id, Map<ProfileField, List<AuditRecord>> byField) {
    CustomerProfile profile;
    try {
      Optional<CustomerProfile> found = customers.find(id);
      if (found.isEmpty()) {
        return failAll(id, byField, ErrorCode.CUSTOMER_NOT_FOUND, Messages.customerNotFound(id));
      }
      profile = found.get();
    } catch (UpstreamException e) {
      return failAll(id, byField, e.code(), Messages.helpdeskFailed(e, id, false));
    }

    List<Item> items = new ArrayList<>();
    List<AuditRecord> restores = new ArrayList<>();
    ProfilePatch patch = ProfilePatch.empty();
    Instant now = clock.instant();
    for (Map.Entry<ProfileField, List<AuditRecord>> e : byField.entrySet()) {
      ProfileField field = e.getKey();
      List<AuditRecord> records = e.getValue();
      AuditRecord latest = records.get(records.size() - 1);
      String current = profile.get(field);
      // Undo from the latest record back while the value is the one that record wrote.
      String restore = current;
      int undone = 0;
      for (int i = records.size() - 1;
          i >= 0 && Objects.equals(restore, records.get(i).newValue());
          i--) {
        restore = records.get(i).oldValue();
        undone++;
      }
      if (undone == 0) {
        restore = records.get(0).oldValue();
      }
      String note =
          undone > 0 && undone < records.size()
              ? "более ранние синхронизации не отменены: между ними поле меняли вручную"
              : null;
      if (Objects.equals(current, restore)) {
        items.add(new Item(id, field, restore, current, Result.ALREADY_RESTORED, null));
      } else if (undone > 0) {
        items.add(new Item(id, field, restore, current, Result.RESTORED, note));
        patch = restore == null ? patch.withClear(field) : patch.withSet(field, restore);
        restores.add(
            new AuditRecord(
                now,
                command.actor(),
                command.requestId(),
                id,
                field,
                current,
                restore,
                latest.contract()));
      } else {
        items.add(
            new Item(
                id,
                field,
                restore,
                current,
                Result.CHANGED_SINCE,
                "значение изменено после синхронизации: сейчас "
                    + quoted(current)
                    + ", синхронизация записала "
                    + quoted(latest.newValue())));
      }
    }
    if (patch.isEmpty() || command.dryRun()) {
      return items;
    }
    try {
      customers.update(id, patch);
    } catch (UpstreamException e) {
      return failRestored(items, e.code(), Messages.undoNotSaved(e, id));
    }
    try {
      audit.append(restores);
    } catch (RuntimeException e) {
      return failRestored(
          items,
          ErrorCode.INTERNAL,
          "значение восстановлено, но журнал изменений записать не удалось");
    }
    return items;
  }

  private static List<Item> failAll(
      CustomerId id,
      Map<ProfileField, List<AuditRecord>> byField,
      ErrorCode failure,
      String message) {
    List<Item> items = new ArrayList<>();
    byField.forEach(
        (field, records) ->
            items.add(
                new Item(
                    id, field, records.get(0).oldValue(), null, Result.FAILED, message, failure)));
    return items;
  }

  /** The items whose restore did not go through (or was not recorded) become failures. */
  private static List<Item> failRestored(List<Item> items, ErrorCode failure, String message) {
    List<Item> out = new ArrayList<>(items.size());
    for (Item i : items) {
      out.add(
          i.result() == Result.RESTORED
              ? new Item(
                  i.customerId(),
                  i.field(),
                  i.restoredValue(),
                  i.currentValue(),
                  Result.FAILED,
                  message,
                  failure)
              : i);
    }
    return out;
  }

  private static String quoted(String value) {
    return value == null ? "пусто" : "«" + value + "»";
  }
}
