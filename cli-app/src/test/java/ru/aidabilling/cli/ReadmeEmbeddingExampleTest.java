package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.UpstreamException;

/**
 * The README's embedding example, as printed there, compiles against the modules and syncs a
 * customer through the real adapters (loopback stubs for billing and FreeScout), reads what it
 * wrote from the audit trail and undoes it, and shows the cause of a failure: a Java developer who
 * copies it gets a working program.
 */
class ReadmeEmbeddingExampleTest {
  @TempDir Path dir;

  @Test
  void theExampleCompilesSyncsACustomerReadsTheTrailAndUndoesTheSync() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(31)) {
      Path audit = dir.resolve("aida-audit.jsonl");

      String out = runExample(stub.url() + "/billing", stub.url(), audit, "ok");

      assertTrue(out.startsWith("UPDATED "), out);
      assertTrue(out.contains("Тарас") || out.contains("Иван"), out);
      assertEquals(1, stub.puts.size(), stub.puts.toString());
      assertTrue(stub.puts.get(0).startsWith("31 "), stub.puts.toString());
      assertTrue(Files.readString(audit).contains("\"actor\":\"my-app\""), "audited");
      assertTrue(out.contains("  audited firstName for my-app\n"), out);
      // the stub does not keep what was written: every field still holds its old value
      assertTrue(out.contains("  undo firstName: ALREADY_RESTORED\n"), out);
    }
  }

  /** An embedder learns why a sync failed from the outcome itself, not only from the log. */
  @Test
  void theExampleShowsTheCauseOfAFailure() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (StubUpstreams stub = new StubUpstreams(31)) {
      String out =
          runExample(
              "http://127.0.0.1:" + closed + "/billing",
              stub.url(),
              dir.resolve("aida-audit.jsonl"),
              "down");

      assertTrue(
          out.startsWith("BILLING_UNAVAILABLE: Биллинг недоступен, попробуйте ещё раз позже\n"),
          out);
      assertTrue(out.contains("  cause: " + UpstreamException.class.getName() + ": "), out);
      assertEquals(List.of(), stub.puts);
    }
  }

  /** Compiles the README's example with these upstreams and audit file, runs it, its output. */
  private String runExample(String billingUrl, String freescoutUrl, Path audit, String name)
      throws Exception {
    String example = javaBlockWith("new SyncCustomerService");
    String body =
        example
            .replace("https://billing.example/api/phone.php", billingUrl)
            .replace("https://help.example", freescoutUrl)
            .replace("Path.of(\"aida-audit.jsonl\")", "Path.of(\"" + audit + "\")")
            .replace("System.out", "OUT");
    assertTrue(
        body.contains(billingUrl) && body.contains(freescoutUrl),
        "the example's URLs were found: " + example);
    String source =
        "import java.net.URI;\nimport java.nio.file.Path;\nimport java.time.Clock;\n"
            + "import java.io.PrintStream;\n"
            + "import ru.aidabilling.core.audit.*;\nimport ru.aidabilling.core.domain.*;\n"
            + "import ru.aidabilling.core.port.in.*;\nimport ru.aidabilling.core.service.*;\n"
            + "import ru.aidabilling.adapter.billing.*;\n"
            + "import ru.aidabilling.adapter.freescout.*;\n"
            + "public class Embedder {\n  public static PrintStream OUT;\n"
            + "  public static void run(String apiKey) throws Exception {\n"
            + body
            + "\n  }\n}\n";
    Path runDir = dir.resolve(name);
    Path src = runDir.resolve("src/Embedder.java");
    Path classes = runDir.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, source);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(src))
            .call();
    assertTrue(compiled, "the README's example must compile:\n" + errors + "\n" + source);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> embedder = loader.loadClass("Embedder");
      embedder.getField("OUT").set(null, new PrintStream(printed, true, StandardCharsets.UTF_8));
      embedder.getMethod("run", String.class).invoke(null, "test-key");
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** The README's ```java block that contains {@code marker}. */
  private static String javaBlockWith(String marker) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int at = readme.indexOf(marker);
    assertTrue(at > 0, "README has the embedding example");
    int start = readme.lastIndexOf("```java\n", at) + "```java\n".length();
    int end = readme.indexOf("```", at);
    return readme.substring(start, end);
  }
}
