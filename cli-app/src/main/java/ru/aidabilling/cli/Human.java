package ru.aidabilling.cli;

import java.io.PrintWriter;
import java.math.RoundingMode;
import java.util.List;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.port.in.SyncOutcome;

/**
 * The operator's readable view of a sync or a lookup: the same facts the support agent sees in the
 * help desk (balance in Russian format «256,52 ₽», ФИО, договор, тариф) and each change as {@code
 * field: old → new}.
 */
final class Human {
  private Human() {}

  /**
   * {@code 256,52 ₽}, {@code 1 250,50 ₽}, {@code -1 250,50 ₽}; other currencies keep their code.
   */
  static String money(Money m) {
    String plain = m.amount().setScale(2, RoundingMode.HALF_UP).toPlainString();
    boolean negative = plain.startsWith("-");
    String digits = negative ? plain.substring(1) : plain;
    int dot = digits.indexOf('.');
    String whole = digits.substring(0, dot);
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        grouped.append(' ');
      }
      grouped.append(whole.charAt(i));
    }
    String symbol = Money.RUB.equals(m.currency()) ? "₽" : m.currency();
    return (negative ? "-" : "") + grouped + "," + digits.substring(dot + 1) + " " + symbol;
  }

  /**
   * A value from billing or FreeScout as one printable line: it reaches the operator's terminal, so
   * a control character (an escape sequence) or a line break in it must not act there.
   */
  static String value(String v) {
    return v == null ? "(пусто)" : CliErrors.oneLine(v, 1000);
  }

  static String change(FieldChange c) {
    return c.field().apiName() + ": " + value(c.oldValue()) + " → " + value(c.newValue());
  }

  static void synced(SyncOutcome.Synced s, PrintWriter out) {
    String status =
        switch (s.status()) {
          case UPDATED -> "профиль обновлен";
          case UNCHANGED -> "профиль уже совпадает с биллингом, изменений нет";
          case DRY_RUN -> "пробный запуск (--dry-run): ничего не записано";
        };
    out.println("Клиент " + s.customerId() + ": " + status + " [" + s.status().wireName() + "]");
    account(s.account(), out, "  ");
    out.println("  Телефон:  " + s.phone().e164());
    changes(
        s.changes(),
        out,
        s.status() == ru.aidabilling.core.port.in.SyncStatus.DRY_RUN
            ? "Изменения (были бы записаны):"
            : "Изменения:");
    out.println("  Запрос:   " + s.requestId());
    out.flush();
  }

  static void failed(SyncOutcome.Failed f, PrintWriter err) {
    err.println(
        "Клиент "
            + f.customerId()
            + ": ошибка "
            + f.code().name()
            + ": "
            + CliErrors.oneLine(f.detail(), 2000));
    if (!f.candidates().isEmpty()) {
      err.println("  Подходят несколько счетов; выберите один: --contract ДОГОВОР");
      for (BillingAccount a : f.candidates()) {
        err.println("  - договор " + value(a.contract()) + ": " + oneLine(a));
      }
    }
    f.account()
        .ifPresent(
            a -> {
              // INTERNAL with an account: the profile was written, the audit log refused it (the
              // detail above says so); every other code with one: the write did not go through
              err.println(
                  f.code() == ErrorCode.INTERNAL
                      ? "  Счет в биллинге:"
                      : "  Счет в биллинге найден, но профиль не записан:");
              account(a, err, "  ");
            });
    err.println("  Запрос:   " + f.requestId());
    err.flush();
  }

  static void account(BillingAccount a, PrintWriter out, String indent) {
    out.println(indent + "Баланс:   " + balance(a));
    out.println(indent + "ФИО:      " + value(a.fullName()));
    out.println(indent + "Договор:  " + value(a.contract()));
    out.println(indent + "Тариф:    " + value(a.tariff()));
    out.println(indent + "Адрес:    " + value(a.address()));
  }

  static String balance(BillingAccount a) {
    if (a.balance() == null) {
      return "(нет данных)";
    }
    return money(a.balance()) + (a.balance().isDebt() ? " (долг)" : "");
  }

  static String oneLine(BillingAccount a) {
    return value(a.fullName())
        + ", баланс "
        + balance(a)
        + ", тариф "
        + value(a.tariff())
        + ", адрес "
        + value(a.address());
  }

  private static void changes(List<FieldChange> changes, PrintWriter out, String heading) {
    if (changes.isEmpty()) {
      out.println("  Изменения: нет");
      return;
    }
    out.println("  " + heading);
    for (FieldChange c : changes) {
      out.println("    " + change(c));
    }
  }
}
