package ru.aidabilling.core.domain;

import java.util.Objects;

/**
 * What an out-port throws when its system fails: a stable code ({@code BILLING_UNAVAILABLE}, {@code
 * HELPDESK_UNAVAILABLE}, {@code CONFIGURATION}, {@code DEADLINE_EXCEEDED}) and a message an
 * operator can act on (never a token or key). The one exception type the core's out-ports throw for
 * an upstream's failure; the services turn it into a {@code Failed} outcome.
 */
public class UpstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;
  private final boolean requestMaybeSent;

  public UpstreamException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public UpstreamException(ErrorCode code, String message, Throwable cause) {
    this(code, message, cause, true);
  }

  /**
   * @param requestMaybeSent false when the upstream surely got nothing of the request (its
   *     connection was refused): a failed write then certainly changed nothing
   */
  public UpstreamException(
      ErrorCode code, String message, Throwable cause, boolean requestMaybeSent) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.requestMaybeSent = requestMaybeSent;
  }

  public ErrorCode code() {
    return code;
  }

  /** Whether the upstream may have received (and acted on) the request; true when unknown. */
  public boolean requestMaybeSent() {
    return requestMaybeSent;
  }
}
