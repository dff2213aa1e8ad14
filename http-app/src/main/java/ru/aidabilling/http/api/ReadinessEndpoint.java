package ru.aidabilling.http.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.in.UpstreamHealthUseCase;
import ru.aidabilling.http.HttpAnswer;

/**
 * {@code GET /readyz}: ready when the settings were valid (they were, or the service would not have
 * started) and both upstreams answer as for ping. The result is kept for a few seconds so that a
 * load balancer polling every second does not turn into a stream of upstream calls; concurrent
 * callers share one check. It needs no token, so it names each upstream's error code only: the
 * details (addresses, the setting to fix) are for {@code GET /api/v1/ping}, behind the token.
 */
public final class ReadinessEndpoint {
  private final UpstreamHealthUseCase health;
  private final Duration ttl;
  private final Clock clock;
  private Snapshot last;

  private record Snapshot(Instant at, boolean ready, Map<String, Object> body) {}

  public ReadinessEndpoint(UpstreamHealthUseCase health, Duration ttl, Clock clock) {
    this.health = health;
    this.ttl = ttl;
    this.clock = clock;
  }

  public HttpAnswer handle() {
    Snapshot s = current();
    Map<String, Object> body = new LinkedHashMap<>(s.body());
    body.put("checkedAt", s.at().toString());
    return Answers.json(s.ready() ? 200 : 503, body);
  }

  private synchronized Snapshot current() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.at().plus(ttl))) {
      return last;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    boolean ready = true;
    body.put("status", "ready");
    body.put("settings", "ok");
    for (Map.Entry<String, Optional<UpstreamException>> e : health.failures().entrySet()) {
      ready &= e.getValue().isEmpty();
      body.put(e.getKey(), e.getValue().map(x -> x.code().name()).orElse("ok"));
    }
    if (!ready) {
      body.put("status", "not-ready");
      body.put("detail", "Подробности: GET /api/v1/ping с токеном");
    }
    // Stamped when the check ends: a check slower than the ttl must still serve its waiting
    // callers.
    last = new Snapshot(clock.instant(), ready, body);
    return last;
  }
}
