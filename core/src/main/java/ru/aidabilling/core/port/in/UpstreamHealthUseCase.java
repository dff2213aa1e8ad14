package ru.aidabilling.core.port.in;

import java.util.Map;

/** Checks that both upstreams answer, without a billing lookup (ping, readiness, config check). */
public interface UpstreamHealthUseCase {
  /** Upstream name ({@code billing}, {@code freescout}) → null when reachable, else the problem. */
  Map<String, String> check();
}
