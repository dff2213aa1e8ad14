package ru.aidabilling.http.api;

/**
 * A request the service cannot accept as written (bad JSON, wrong type, bad id): answered 400
 * {@code VALIDATION} with {@link #getMessage()} as the precise detail. Endpoints throw it from
 * their parsing step only; it never leaves the HTTP layer.
 */
public final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequest(String detail) {
    super(detail, null, false, false);
  }
}
