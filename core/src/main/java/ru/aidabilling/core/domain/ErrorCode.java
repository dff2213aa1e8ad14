package ru.aidabilling.core.domain;

/**
 * The stable error codes of the wire contract (spec 11), with the HTTP status and CLI exit code the
 * contract fixes for each. The table is one contract shared by every app, so it lives here once;
 * {@code exitCode} is 0 where the CLI never meets the code.
 */
public enum ErrorCode {
  VALIDATION(400, 2, "Invalid request"),
  UNAUTHORIZED(401, 0, "Authentication required"),
  SIGNATURE_INVALID(403, 0, "Webhook signature invalid"),
  NOT_ALLOWED(403, 0, "Not allowed"),
  CUSTOMER_NOT_FOUND(404, 3, "Customer not found"),
  NOT_IN_BILLING(404, 3, "Not found in billing"),
  CONTRACT_NOT_FOUND(404, 3, "Contract not found"),
  NOT_FOUND(404, 0, "Not found"),
  METHOD_NOT_ALLOWED(405, 0, "Method not allowed"),
  AMBIGUOUS(409, 4, "Several billing accounts match"),
  PAYLOAD_TOO_LARGE(413, 0, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, 0, "Unsupported media type"),
  NO_PHONE(422, 5, "Customer has no usable phone"),
  PHONE_NOT_ON_CUSTOMER(422, 5, "Phone is not on the customer's profile"),
  RATE_LIMITED(429, 0, "Too many requests"),
  BILLING_UNAVAILABLE(502, 6, "Billing unavailable"),
  HELPDESK_UNAVAILABLE(502, 6, "Help desk unavailable"),
  SERVICE_UNREACHABLE(502, 6, "Service unreachable"),
  SERVICE_AUTH_FAILED(502, 6, "Service refused the token"),
  CONFIGURATION(502, 7, "Configuration error"),
  OVERLOADED(503, 0, "Service overloaded"),
  NOT_CONFIGURED(503, 0, "Not configured"),
  DEADLINE_EXCEEDED(504, 6, "Deadline exceeded"),
  INTERNAL(500, 1, "Internal error");

  private final int httpStatus;
  private final int exitCode;
  private final String title;

  ErrorCode(int httpStatus, int exitCode, String title) {
    this.httpStatus = httpStatus;
    this.exitCode = exitCode;
    this.title = title;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The problem's short English title. */
  public String title() {
    return title;
  }

  /** The problem's {@code type} URI, e.g. {@code tag:aida-billing,2026:problem:not-in-billing}. */
  public String typeUri() {
    return "tag:aida-billing,2026:problem:"
        + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** A passing failure: retrying later may succeed (drives webhook redelivery). */
  public boolean isTransient() {
    return this == BILLING_UNAVAILABLE
        || this == HELPDESK_UNAVAILABLE
        || this == DEADLINE_EXCEEDED
        || this == OVERLOADED
        || this == SERVICE_UNREACHABLE;
  }
}
