package ru.aidabilling.cli;

/**
 * Run in a process whose file size limit ({@code ulimit -f}) the report reaches after a line or
 * two: runs {@code sync-all} over {@link SyncAllTest#thousand} one customer at a time and prints
 * the exit code, how many customers FreeScout took a write for, and what the CLI printed.
 */
public final class SyncAllReportLimitMain {
  private SyncAllReportLimitMain() {}

  public static void main(String[] args) {
    World w = SyncAllTest.thousand();
    int before = w.customers.updates().size(); // the set-up's own syncs
    Cli.Run r = w.cli().run("sync-all", "--concurrency", "1", "--report", args[0]);
    System.out.println("exit " + r.exit());
    System.out.println("written " + (w.customers.updates().size() - before));
    System.out.println(r.out());
    System.out.println(r.err());
  }
}
