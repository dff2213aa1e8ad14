package ru.aidabilling.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs a main class in a child JVM (this test's class path) under a file size limit ({@code ulimit
 * -f}), where a write that crosses the limit is cut short and then fails, as on a disk that fills
 * up (the JVM ignores SIGXFSZ). Linux, bash.
 */
public final class SizeLimitedJvm {
  private SizeLimitedJvm() {}

  /**
   * @param blocks the limit in 1 KiB blocks
   * @return the child's output, stripped
   * @throws AssertionError when the child does not exit 0
   */
  public static String run(int blocks, Class<?> main, String argument)
      throws IOException, InterruptedException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "ulimit -f " + blocks + "; exec \"$0\" -cp \"$1\" " + main.getName() + " \"$2\"",
                javaBin,
                System.getProperty("java.class.path"),
                argument)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int exit = p.waitFor();
    if (exit != 0) {
      throw new AssertionError("the child JVM exited " + exit + ": " + out);
    }
    return out;
  }
}
