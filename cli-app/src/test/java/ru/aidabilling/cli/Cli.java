package ru.aidabilling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ru.aidabilling.core.settings.Settings;

/** Runs the command line in-process, as an operator would, with captured streams. */
final class Cli {
  static final ObjectMapper JSON = new ObjectMapper();

  private java.util.function.BiFunction<Settings, WriteGate, Wiring> wiring =
      (s, g) -> {
        throw new AssertionError("this command must not need the upstreams");
      };
  private final Map<String, String> env = new HashMap<>();
  private InputStream in = new ByteArrayInputStream(new byte[0]);
  private StopFlag stop = new StopFlag();
  private boolean terminal;
  final List<Runnable> interruptActions = new ArrayList<>();

  static Cli create() {
    return new Cli();
  }

  Cli wiring(Wiring w) {
    this.wiring = (s, g) -> w;
    return this;
  }

  Cli wiring(Function<Settings, Wiring> factory) {
    this.wiring = (s, g) -> factory.apply(s);
    return this;
  }

  /** A factory that also gets the run's write gate (the real wiring's). */
  Cli wiring(java.util.function.BiFunction<Settings, WriteGate, Wiring> factory) {
    this.wiring = factory;
    return this;
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(String text) {
    this.in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  Cli stdin(InputStream stream) {
    this.in = stream;
    return this;
  }

  Cli stop(StopFlag flag) {
    this.stop = flag;
    return this;
  }

  Cli terminal(boolean t) {
    this.terminal = t;
    return this;
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliIo io = new CliIo(in, out, err, env, terminal, "tester");
    int exit = new CliApp(io, wiring, stop, interruptActions::add).run(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** One finished run. */
  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (java.io.IOException e) {
        throw new UncheckedIOException("stdout is not JSON: " + out, e);
      }
    }

    List<String> outLines() {
      return out.isEmpty()
          ? List.of()
          : List.of(out.split("\n", -1))
              .subList(0, out.split("\n", -1).length - (out.endsWith("\n") ? 1 : 0));
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
