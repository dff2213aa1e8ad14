package ru.aidabilling.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Records parsed per second of CPU time of the measuring thread — the same work as {@link
 * ParserBenchmark}, but timed with the thread's CPU clock instead of the wall clock. On a shared,
 * overloaded machine JMH's wall-clock score mostly measures how often the scheduler lets the thread
 * run; this figure says what one core does while it runs. Not a replacement for JMH: no fork
 * control, no dead-code protection beyond keeping the last result.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * ru.aidabilling.benchmarks.CpuTimeThroughput [seconds-per-round]}
 */
public final class CpuTimeThroughput {
  private CpuTimeThroughput() {}

  /** Keeps results reachable so the JIT cannot drop the parsing. */
  static volatile Object sink;

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    ParserBenchmark b = new ParserBenchmark();
    b.setUp();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long budget = (long) (seconds * 1e9);
    double best = 0;
    for (int round = 1; round <= 8; round++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      long records = 0;
      while (mx.getCurrentThreadCpuTime() - cpu0 < budget) {
        for (int k = 0; k < 1000; k++) {
          b.parseNext();
        }
        records += 1000;
      }
      sink = b.lastAddress;
      double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      double rate = records / cpu;
      if (round > 3) {
        best = Math.max(best, rate); // the first rounds are warm-up
      }
      System.out.printf(
          "round %d%s: %,.0f records per CPU-second (%,.0f per wall-second)%n",
          round, round <= 3 ? " (warm-up)" : "", rate, records / wall);
    }
    System.out.printf("best: %,.0f records per CPU-second%n", best);
  }
}
