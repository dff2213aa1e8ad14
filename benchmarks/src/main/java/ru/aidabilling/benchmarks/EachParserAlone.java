package ru.aidabilling.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.parse.AddressParser;
import ru.aidabilling.core.parse.NameParser;
import ru.aidabilling.core.parse.PhoneParser;

/**
 * Each parser alone over the same rotating inputs, to see which one a change in {@link
 * ParserBenchmark}'s figure comes from. Kept apart so the README's command measures only the whole
 * record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EachParserAlone {
  private int n;
  private int a;
  private int p;

  @Benchmark
  public ParsedName name() {
    n = n + 1 == Records.NAMES.length ? 0 : n + 1;
    return NameParser.parse(Records.NAMES[n]);
  }

  @Benchmark
  public ParsedAddress address() {
    a = a + 1 == Records.ADDRESSES.length ? 0 : a + 1;
    return AddressParser.parse(Records.ADDRESSES[a]);
  }

  @Benchmark
  public java.util.Optional<Phone> phone() {
    p = p + 1 == Records.PHONES.length ? 0 : p + 1;
    return PhoneParser.parse(Records.PHONES[p]);
  }
}
