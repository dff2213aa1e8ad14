package ru.aidabilling.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one flag that tells a long run to stop taking new work: set by the Ctrl-C shutdown hook in
 * production and by tests directly, so the test exercises the very path an interrupt takes.
 */
public final class StopFlag {
  private final AtomicBoolean stopped = new AtomicBoolean();

  public void stop() {
    stopped.set(true);
  }

  public boolean isStopped() {
    return stopped.get();
  }
}
