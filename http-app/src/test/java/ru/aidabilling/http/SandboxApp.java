package ru.aidabilling.http;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;

/**
 * The service in sandbox mode on a free port, its audit log in {@code dir}: as the README runs it.
 */
public final class SandboxApp {
  private SandboxApp() {}

  public static RunningApp start(Path dir) {
    return HttpApp.start(sandboxSettings(dir, Map.of()), true);
  }

  /** The sandbox's settings with {@code env} added (e.g. a token of its own). */
  static Settings sandboxSettings(Path dir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put(Setting.AUDIT_FILE.envName(), dir.resolve("audit.jsonl").toString());
    return Settings.load(all, Map.of(Setting.HTTP_PORT, "0"), Optional.empty());
  }
}
