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

  public UpstreamException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public UpstreamException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
