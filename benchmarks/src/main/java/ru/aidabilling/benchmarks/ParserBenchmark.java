package ru.aidabilling.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import ru.aidabilling.core.parse.AddressParser;
import ru.aidabilling.core.parse.NameParser;
import ru.aidabilling.core.parse.PhoneParser;

/**
 * Throughput of parsing one billing record — its name, its address and its phone — on one thread,
 * over a rotating set of realistic records ({@link Records}). One operation is one record, so the
 * score in ops/s is records per second. Goal: at least 500 000 records/s on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {
  private String[] names;
  private String[] addresses;
  private String[] phones;
  private int next;

  @Setup
  public void setUp() {
    int n = Records.SIZE;
    names = new String[n];
    addresses = new String[n];
    phones = new String[n];
    for (int i = 0; i < n; i++) {
      // fresh String objects, as a JSON reader would hand them over
      names[i] = new String(Records.NAMES[i % Records.NAMES.length]);
      addresses[i] = new String(Records.ADDRESSES[(i * 7) % Records.ADDRESSES.length]);
      phones[i] = new String(Records.PHONES[(i * 11) % Records.PHONES.length]);
    }
  }

  @Benchmark
  public void record(Blackhole bh) {
    int i = next;
    next = i + 1 == names.length ? 0 : i + 1;
    bh.consume(NameParser.parse(names[i]));
    bh.consume(AddressParser.parse(addresses[i]));
    bh.consume(PhoneParser.parse(phones[i]));
  }

  /** The same work for {@link CpuTimeThroughput}, which has no Blackhole: results go to fields. */
  Object lastName;

  Object lastAddress;
  Object lastPhone;

  void parseNext() {
    int i = next;
    next = i + 1 == names.length ? 0 : i + 1;
    lastName = NameParser.parse(names[i]);
    lastAddress = AddressParser.parse(addresses[i]);
    lastPhone = PhoneParser.parse(phones[i]);
  }
}
