package ru.aidabilling.http.sandbox;

import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.http.HttpAnswer;

/**
 * What the sandbox's sync route calls: the same sync the module's FreeScout route reaches through
 * {@code POST /api/v1/customers/{id}/sync}, given the raw id segment and request body, answering
 * the status and body the module would pass on, under the request id the answer's header shows. The
 * composition root supplies it, so the sandbox package needs no knowledge of the v1 endpoint or of
 * authentication.
 */
@FunctionalInterface
public interface SandboxSync {
  HttpAnswer sync(String idSegment, byte[] body, RequestId requestId);
}
