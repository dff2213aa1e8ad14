package ru.aidabilling.core.port.in;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;

/** Checks that both upstreams answer, without a billing lookup (ping, readiness, config check). */
public interface UpstreamHealthUseCase {
  /** Upstream name ({@code billing}, {@code freescout}) → null when reachable, else the problem. */
  Map<String, String> check();

  /**
   * The same check keeping each failure's stable code, so that a caller can tell a refused key
   * ({@code CONFIGURATION}) from an outage. Upstream name → empty when reachable. The default wraps
   * {@link #check()}'s messages as {@code SERVICE_UNREACHABLE}; implementations that know the code
   * override it.
   */
  default Map<String, Optional<UpstreamException>> failures() {
    Map<String, Optional<UpstreamException>> out = new LinkedHashMap<>();
    check()
        .forEach(
            (name, problem) ->
                out.put(
                    name,
                    Optional.ofNullable(problem)
                        .map(p -> new UpstreamException(ErrorCode.SERVICE_UNREACHABLE, p))));
    return out;
  }
}
