package ru.aidabilling.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.UpstreamException;

/**
 * What a write to FreeScout that answered with an error may still have saved: the one rule a sync
 * and an undo share when they read the customer again to find out.
 */
final class FailedWrite {
  private FailedWrite() {}

  /** Refused, or never sent (connection refused): nothing was saved, no need to read again. */
  static boolean surelySavedNothing(UpstreamException failure) {
    return failure.code() == ErrorCode.CUSTOMER_NOT_FOUND
        || failure.code() == ErrorCode.CONFIGURATION
        || !failure.requestMaybeSent();
  }

  /** The writes whose field the profile, read again, holds with the value written. */
  static <W> List<W> landed(
      Optional<CustomerProfile> now,
      List<W> writes,
      Function<W, ProfileField> field,
      Function<W, String> value) {
    List<W> landed = new ArrayList<>(writes.size());
    for (W w : writes) {
      if (now.isPresent() && Objects.equals(now.get().get(field.apply(w)), value.apply(w))) {
        landed.add(w);
      }
    }
    return landed;
  }
}
