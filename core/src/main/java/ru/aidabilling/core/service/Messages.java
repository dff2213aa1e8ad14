package ru.aidabilling.core.service;

import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;

/**
 * The Russian texts a support agent reads when a sync fails (the {@code detail} of spec 11). One
 * place, so the wording stays consistent across outcomes and the seed's texts are kept verbatim.
 */
final class Messages {
  private Messages() {}

  static String customerNotFound(CustomerId id) {
    return "Клиент " + id + " не найден в FreeScout";
  }

  static String noPhone(CustomerId id) {
    return "В профиле клиента " + id + " нет телефона, по которому можно искать в биллинге";
  }

  static String phoneNotOnCustomer(Phone phone, CustomerId id) {
    return "Телефон " + phone.e164() + " не указан в профиле клиента " + id;
  }

  /** The seed's text, verbatim. */
  static String notInBilling(Phone phone) {
    return "Клиент с телефоном " + phone.e164() + " не найден в биллинге";
  }

  static String ambiguous(int count, Phone phone) {
    return "Найдено "
        + count
        + " "
        + accounts(count)
        + " в биллинге для телефона "
        + phone.e164()
        + ", выберите договор";
  }

  static String contractNotFound(String contract, Phone phone) {
    return "Договор "
        + contract
        + " не найден среди счетов телефона "
        + phone.e164()
        + " в биллинге";
  }

  /** A billing failure, told by its code; a configuration problem names what to fix. */
  static String billingFailed(UpstreamException e) {
    return switch (e.code()) {
      case DEADLINE_EXCEEDED -> "Биллинг не ответил вовремя, попробуйте ещё раз позже";
      case CONFIGURATION ->
          "Ошибка настройки связи с биллингом, обратитесь к администратору" + because(e);
      default -> "Биллинг недоступен, попробуйте ещё раз позже";
    };
  }

  /** A FreeScout failure while reading ({@code write} false) or saving the profile. */
  static String helpdeskFailed(UpstreamException e, CustomerId id, boolean write) {
    if (e.code() == ErrorCode.CUSTOMER_NOT_FOUND) {
      return customerNotFound(id);
    }
    return helpdeskFailed(
        e,
        write
            ? "Баланс получен, но профиль клиента " + id + " не удалось сохранить в FreeScout"
            : "Не удалось прочитать профиль клиента " + id + " из FreeScout");
  }

  /**
   * Billing answered, but the customer's read again just before the write (the first read was over
   * a second old, or another write of the customer came between) failed: nothing written.
   */
  static String rereadFailed(UpstreamException e, CustomerId id) {
    if (e.code() == ErrorCode.CUSTOMER_NOT_FOUND) {
      return customerNotFound(id);
    }
    return helpdeskFailed(
        e,
        "Баланс получен, но профиль клиента "
            + id
            + " не изменён: перед записью его не удалось прочитать из FreeScout снова");
  }

  /** A PUT whose answer failed, and the customer could not be read again to see if it landed. */
  static String helpdeskUncertain(UpstreamException e, CustomerId id) {
    return helpdeskFailed(
        e,
        "Баланс получен, но неизвестно, сохранился ли профиль клиента "
            + id
            + " в FreeScout (запись завершилась ошибкой, а прочитать профиль снова не удалось)");
  }

  /** An undo's PUT whose answer failed, and the customer could not be read again. */
  static String undoUncertain(UpstreamException e, CustomerId id) {
    return forOperator(
        e,
        "Неизвестно, сохранились ли прежние значения клиента "
            + id
            + " в FreeScout (запись завершилась ошибкой, а прочитать профиль снова не удалось;"
            + " пробный запуск undo покажет, что там сейчас)");
  }

  /** A FreeScout failure while saving the values an undo puts back. */
  static String undoNotSaved(UpstreamException e, CustomerId id) {
    if (e.code() == ErrorCode.CUSTOMER_NOT_FOUND) {
      return customerNotFound(id);
    }
    return forOperator(e, "Прежние значения клиента " + id + " не удалось сохранить в FreeScout");
  }

  /**
   * An undo's failure, read by the operator who ran it (not by a support agent): FreeScout's own
   * diagnosis ({@code FreeScout ответил ошибкой HTTP 500 при записи клиента 31.}) instead of the
   * agent's «FreeScout недоступен», which sends the operator to wait for a FreeScout that is up and
   * refuses this one write.
   */
  private static String forOperator(UpstreamException e, String what) {
    if (e.code() == ErrorCode.HELPDESK_UNAVAILABLE && !because(e).isEmpty()) {
      return what + because(e);
    }
    return helpdeskFailed(e, what);
  }

  private static String helpdeskFailed(UpstreamException e, String what) {
    return switch (e.code()) {
      case DEADLINE_EXCEEDED -> what + ": FreeScout не ответил вовремя, попробуйте ещё раз позже";
      case CONFIGURATION ->
          what + ": ошибка настройки связи с FreeScout, обратитесь к администратору" + because(e);
      default -> what + ": FreeScout недоступен, попробуйте ещё раз позже";
    };
  }

  /**
   * {@code ": "} and the failure's message, what the administrator is to fix; nothing when a port
   * threw without a message (the sentence then ends without one, never with "null").
   */
  private static String because(UpstreamException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? "" : ": " + message;
  }

  static String tooLateToWrite(CustomerId id) {
    return "Баланс получен, но профиль клиента "
        + id
        + " не сохранён: FreeScout и биллинг отвечали слишком долго, запись не успела бы"
        + " завершиться вовремя; ничего не изменено, повторите позже";
  }

  /** The audit log could not take a record: nothing was written to FreeScout. */
  static String auditUnavailable(CustomerId id) {
    return "Клиент "
        + id
        + " не изменён: журнал изменений недоступен для записи, обратитесь к администратору";
  }

  static String auditFailed(CustomerId id, RequestId requestId) {
    return "Профиль клиента "
        + id
        + " обновлён, но журнал изменений записать не удалось; сообщите администратору (запрос "
        + requestId
        + ")";
  }

  /** FreeScout took an undo's restore, but the audit log could not record it. */
  static String undoNotAudited(CustomerId id, RequestId requestId) {
    return "Прежние значения клиента "
        + id
        + " сохранены в FreeScout, но журнал изменений записать не удалось: этой отмены в нём нет;"
        + " сообщите администратору (запрос "
        + requestId
        + ")";
  }

  static String internal(RequestId requestId) {
    return "Внутренняя ошибка сервиса; сообщите администратору (запрос " + requestId + ")";
  }

  /** «счёт», «счёта», «счетов» as Russian counts them. */
  static String accounts(int n) {
    int mod100 = n % 100;
    int mod10 = n % 10;
    if (mod10 == 1 && mod100 != 11) {
      return "счёт";
    }
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
      return "счёта";
    }
    return "счетов";
  }
}
