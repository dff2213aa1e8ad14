package ru.aidabilling.cli.reliability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import ru.aidabilling.cli.CliApp;
import ru.aidabilling.cli.CliIo;
import ru.aidabilling.cli.StopFlag;

/**
 * Runs the command line in-process through {@link CliApp#run} (what {@code main} does, without the
 * exit) with captured streams and a wiring that records being asked for and then fails: bad input
 * must be refused before any upstream is touched.
 */
final class InProcessCli {
  private InProcessCli() {}

  /** One finished in-process run. */
  record Run(int exit, String out, String err, boolean wired) {
    @Override
    public String toString() {
      return "exit "
          + exit
          + (wired ? " (asked for the upstreams)" : "")
          + "\n--- out\n"
          + out
          + "--- err\n"
          + err;
    }
  }

  static Run run(Map<String, String> env, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicBoolean wired = new AtomicBoolean();
    CliIo io = new CliIo(new ByteArrayInputStream(stdin), out, err, env, false, "tester");
    int exit =
        new CliApp(
                io,
                (settings, gate) -> {
                  wired.set(true);
                  throw new IllegalStateException("bad input must not reach the upstreams");
                },
                new StopFlag(),
                action -> {})
            .run(args);
    return new Run(
        exit,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        wired.get());
  }

  static Run run(String... args) {
    return run(Map.of(), new byte[0], args);
  }
}
