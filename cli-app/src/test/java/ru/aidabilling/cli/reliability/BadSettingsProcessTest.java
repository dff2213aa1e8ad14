package ru.aidabilling.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad settings through the real program: {@code CliApp.main} in its own JVM with the real wiring
 * and a clean environment, as an operator's shell runs it. Each ends with exit 7 and one line
 * naming the setting to fix, never a stack trace, and never a secret's value.
 */
class BadSettingsProcessTest {
  static final String KEY = "fs-key-do-not-print-8c1e";

  record Case(String name, Map<String, String> env, List<String> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, String> good() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AIDA_BILLING_URL", "http://127.0.0.1:9/api/phone.php");
    env.put("AIDA_FREESCOUT_URL", "http://127.0.0.1:9/");
    env.put("AIDA_FREESCOUT_API_KEY", KEY);
    return env;
  }

  static Case with(String name, String variable, String value, String... args) {
    Map<String, String> env = good();
    if (value == null) {
      env.remove(variable);
    } else {
      env.put(variable, value);
    }
    return new Case(name, env, List.of(args));
  }

  static Stream<Case> cases() {
    String[] lookup = {"lookup", "--phone", "+79004445566"};
    String[] sync = {"sync", "31"};
    return Stream.of(
        with("billing URL missing", "AIDA_BILLING_URL", null, lookup),
        with("billing URL not a URL", "AIDA_BILLING_URL", "not a url", lookup),
        with("billing URL ftp", "AIDA_BILLING_URL", "ftp://billing.example/x", lookup),
        with("FreeScout URL missing", "AIDA_FREESCOUT_URL", null, sync),
        with("FreeScout key missing", "AIDA_FREESCOUT_API_KEY", null, sync),
        with("time-out not a number", "AIDA_BILLING_TIMEOUT_MS", "soon", lookup),
        with("time-out negative", "AIDA_FREESCOUT_TIMEOUT_MS", "-1", sync),
        with("phone format unknown", "AIDA_BILLING_PHONE_FORMAT", "WHATEVER", lookup),
        with(
            "extra header with CR/LF",
            "AIDA_BILLING_EXTRA_HEADER",
            "X-Key: a\r\nX-Evil: b",
            lookup),
        with("mapping unknown", "AIDA_MAPPING", "everything", sync),
        with("write policy unknown", "AIDA_WRITE_POLICY", "sometimes", sync));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadSettingExits7WithOneLineNamingIt(Case c) throws Exception {
    Result r = runMain(c.env(), c.args());

    assertEquals(7, r.exit(), c.name() + "\n" + r.err());
    assertTrue(r.err().startsWith("aida-billing"), r.err());
    assertTrue(r.err().contains("AIDA_"), "names the setting: " + r.err());
    for (String leak : List.of("Exception", "\tat ", "at ru.", "at java.", KEY)) {
      assertTrue(!r.err().contains(leak), "'" + leak + "' in: " + r.err());
    }
    assertTrue(r.err().strip().lines().count() <= 2, "short: " + r.err());
  }

  record Result(int exit, String out, String err) {}

  static Result runMain(Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("ru.aidabilling.cli.CliApp");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the CLI did not end within 60 s");
    }
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
