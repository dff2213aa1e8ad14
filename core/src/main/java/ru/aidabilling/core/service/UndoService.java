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
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.UndoCommand;
import ru.aidabilling.core.port.in.UndoReport;
import ru.aidabilling.core.port.in.UndoReport.Item;
import ru.aidabilling.core.port.in.UndoReport.Result;
import ru.aidabilling.core.port.in.UndoUseCase;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.service.CustomerTurns.Stripe;

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
 * the other customers go on. So does an unexpected exception ({@code INTERNAL}), and a restore
 * FreeScout took whose records could not be appended; both are logged as a sync's are (logger
 * {@code ru.aidabilling.core.sync}, SEVERE, with the undo's request id, the customer and, for the
 * records, the fields restored). A failed item's {@link Item#cause} is the exception behind it, as
 * a sync's {@code Failed.cause()}. A trail that cannot be read throws (as {@link
 * AuditTrail#records}).
 *
 * <p>Each customer's read, decision and write happen in that customer's turn of the service's
 * {@link CustomerTurns}, and the write counts there with its patch, as a sync's does: undos of one
 * customer take turns with each other and, when the turns are those of the process's {@link
 * SyncCustomerService}, with its syncs, which then see what the undo wrote (a sync that read before
 * it lays the undo's patch over its read, finds something to change, and reads again). The undo's
 * audit records are stamped in that turn and appended after it, as a sync's. Thread-safe.
 */
public final class UndoService implements UndoUseCase {
  private final AuditTrail audit;
  private final CustomerDirectory customers;
  private final Clock clock;
  private final CustomerTurns turns;

  /**
   * An undo that takes turns with other undos of this instance only: in a process that also syncs,
   * build it with the {@link SyncCustomerService} (or its {@link CustomerTurns}) instead.
   */
  public UndoService(AuditTrail audit, CustomerDirectory customers, Clock clock) {
    this(audit, customers, clock, new CustomerTurns());
  }

  /** An undo whose writes take turns with the syncs of {@code sync}. */
  public UndoService(
      AuditTrail audit, CustomerDirectory customers, Clock clock, SyncCustomerService sync) {
    this(audit, customers, clock, Objects.requireNonNull(sync, "sync").turns());
  }

  /** An undo whose writes take {@code turns} with every other writer given them. */
  public UndoService(
      AuditTrail audit, CustomerDirectory customers, Clock clock, CustomerTurns turns) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.turns = Objects.requireNonNull(turns, "turns");
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
        FailureLog.undoUnexpected(command, e.getKey(), unexpected);
        items.addAll(
            failAll(
                e.getKey(),
                e.getValue(),
                ErrorCode.INTERNAL,
                "внутренняя ошибка (" + unexpected.getClass().getSimpleName() + ")",
                unexpected));
      }
    }
    return new UndoReport(items);
  }

  /**
   * The selected records by customer (first seen first) and field, each list oldest first by time.
   */
  private Map<CustomerId, Map<ProfileField, List<AuditRecord>>> select(UndoCommand command) {
    Predicate<AuditRecord> wanted;
    Stream<AuditRecord> candidates;
    if (command.request().isPresent()) {
      RequestId request = command.request().get();
      wanted = r -> r.requestId().equals(request);
      // the trail's own selection: the file reads fully only the lines that can hold the id
      candidates = audit.recordsOf(request);
    } else {
      CustomerId customer = command.customer().orElseThrow();
      Optional<Instant> since = command.since();
      wanted =
          r ->
              r.customerId().equals(customer)
                  && (since.isEmpty() || !r.time().isBefore(since.get()));
      candidates = audit.recordsOf(customer);
    }
    Map<CustomerId, Map<ProfileField, List<AuditRecord>>> selected = new LinkedHashMap<>();
    try (Stream<AuditRecord> records = candidates) {
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

  /** What an undo decided in a customer's turn, and the audit records it still has to append. */
  private record Step(List<Item> items, List<AuditRecord> toRecord) {
    static Step answer(List<Item> items) {
      return new Step(items, List.of());
    }
  }

  private List<Item> undoCustomer(
      UndoCommand command, CustomerId id, Map<ProfileField, List<AuditRecord>> byField) {
    Stripe stripe = turns.of(id);
    Step step;
    stripe.lock.lock();
    try {
      step = decideAndWrite(command, id, byField, stripe);
    } finally {
      stripe.lock.unlock();
    }
    // after the turn, as a sync's: the group-committed audit file may batch it with theirs
    if (step.toRecord().isEmpty()) {
      return step.items();
    }
    try {
      audit.append(step.toRecord());
    } catch (RuntimeException e) {
      FailureLog.undoNotAudited(command, id, step.toRecord(), e);
      return failRestored(
          step.items(), ErrorCode.INTERNAL, Messages.undoNotAudited(id, command.requestId()), e);
    }
    return step.items();
  }

  /** One field an undo puts back, and the contract of the record it goes back past. */
  private record Restore(ProfileField field, String old, String restored, String contract) {}

  /** Read, decide and write one customer, with its stripe's lock held. */
  private Step decideAndWrite(
      UndoCommand command,
      CustomerId id,
      Map<ProfileField, List<AuditRecord>> byField,
      Stripe stripe) {
    CustomerProfile profile;
    try {
      Optional<CustomerProfile> found = customers.find(id);
      if (found.isEmpty()) {
        return Step.answer(
            failAll(
                id, byField, ErrorCode.CUSTOMER_NOT_FOUND, Messages.customerNotFound(id), null));
      }
      profile = found.get();
    } catch (UpstreamException e) {
      return Step.answer(failAll(id, byField, e.code(), Messages.helpdeskFailed(e, id, false), e));
    }

    List<Item> items = new ArrayList<>();
    List<Restore> restores = new ArrayList<>();
    ProfilePatch patch = ProfilePatch.empty();
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
        restores.add(new Restore(field, current, restore, latest.contract()));
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
      return Step.answer(items);
    }
    try {
      audit.checkCanRecord(); // a restore is recorded too, so that it can be undone
    } catch (RuntimeException e) {
      FailureLog.auditUnavailable(command.requestId(), id, e);
      return Step.answer(
          failRestored(items, ErrorCode.CONFIGURATION, Messages.auditUnavailable(id), e));
    }
    List<Restore> done = restores;
    try {
      customers.update(id, patch);
      stripe.remember(id, patch); // what FreeScout now holds: a sync that read before lays it over
    } catch (UpstreamException e) {
      // It may have landed before the failure reached us: racing syncs read the customer again.
      stripe.remember(id, null);
      done = landedDespite(e, id, restores, command);
      if (done == null) {
        return Step.answer(failRestored(items, e.code(), Messages.undoUncertain(e, id), e));
      }
      List<ProfileField> landed = done.stream().map(Restore::field).toList();
      items = failRestoredBut(landed, items, e.code(), Messages.undoNotSaved(e, id), e);
      if (done.isEmpty()) {
        return Step.answer(items);
      }
    } catch (RuntimeException | Error e) {
      stripe.remember(id, null);
      throw e;
    }
    Instant now = stripe.stamp(clock);
    List<AuditRecord> records = new ArrayList<>(done.size());
    for (Restore r : done) {
      records.add(
          new AuditRecord(
              now,
              command.actor(),
              command.requestId(),
              id,
              r.field(),
              r.old(),
              r.restored(),
              r.contract()));
    }
    return new Step(items, records);
  }

  /**
   * The restores FreeScout holds although its answer was an error (it saved, then failed, or the
   * answer was lost): read again, as a sync does, so that what landed is reported and recorded.
   * None when it surely did not land; null when that read fails too, so no one can tell (logged).
   */
  private List<Restore> landedDespite(
      UpstreamException failure, CustomerId id, List<Restore> all, UndoCommand command) {
    if (FailedWrite.surelySavedNothing(failure)) {
      return List.of();
    }
    Optional<CustomerProfile> now;
    try {
      now = customers.find(id);
    } catch (RuntimeException e) {
      FailureLog.writeUncertain(
          command.requestId(),
          id,
          all.stream().map(r -> r.field().apiName()).toList(),
          "the undo's PUT",
          failure,
          e);
      return null;
    }
    return FailedWrite.landed(now, all, Restore::field, Restore::restored);
  }

  private static List<Item> failRestoredBut(
      List<ProfileField> landed,
      List<Item> items,
      ErrorCode failure,
      String message,
      Throwable cause) {
    List<Item> out = new ArrayList<>(items.size());
    for (Item i : items) {
      out.add(
          landed.contains(i.field())
              ? i
              : failRestored(List.of(i), failure, message, cause).get(0));
    }
    return out;
  }

  /** Every selected field of the customer fails; {@code cause} may be null (an answer). */
  private static List<Item> failAll(
      CustomerId id,
      Map<ProfileField, List<AuditRecord>> byField,
      ErrorCode failure,
      String message,
      Throwable cause) {
    List<Item> items = new ArrayList<>();
    byField.forEach(
        (field, records) ->
            items.add(
                new Item(
                    id,
                    field,
                    records.get(0).oldValue(),
                    null,
                    Result.FAILED,
                    message,
                    failure,
                    Optional.ofNullable(cause))));
    return items;
  }

  /**
   * The items whose restore did not go through, or went through but could not be recorded, become
   * failures (see {@link Result#FAILED}), with the exception behind them.
   */
  private static List<Item> failRestored(
      List<Item> items, ErrorCode failure, String message, Throwable cause) {
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
                  failure,
                  Optional.of(cause))
              : i);
    }
    return out;
  }

  private static String quoted(String value) {
    return value == null ? "пусто" : "«" + value + "»";
  }
}
