package ru.aidabilling.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aida-billing parse}: how the core reads a name, an address and a phone. No upstream. */
@Command(
    name = ParseCmd.NAME,
    header = ParseCmd.HEADER,
    mixinStandardHelpOptions = true,
    description = {
      "Shows how a billing name, address and phone are read. Needs no settings.",
      "With --jsonl: reads JSON objects {\"name\", \"address\", \"phone\"} from stdin, one per"
          + " line, and writes one result line per input line, in order: {\"name\": {...}|null,"
          + " \"address\": {...}|null, \"phone\": \"+7...\"|null}. A line that is not a JSON"
          + " object (a blank line too) gives {\"error\": \"...\", \"line\": N}; parsing goes on."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aida-billing parse --name 'Новичков Тарас Викторович'",
      "  aida-billing parse --address 'поселок Соляной Набережная 8/1'",
      "  aida-billing parse --phone '8 (900) 444-55-66 доб. 12'",
      "  aida-billing parse --jsonl < customers.jsonl > parsed.jsonl"
    })
final class ParseCmd implements Callable<Integer> {
  /** The name and header of the top help's line, also for the summary that stands in for it. */
  static final String NAME = "parse";

  static final String HEADER = "Show how a name, an address and a phone are read.";

  private final CliContext ctx;
  @Spec CommandSpec spec;

  @Option(names = "--name", paramLabel = "NAME", description = "A full name (ФИО or organisation).")
  String name;

  @Option(names = "--address", paramLabel = "ADDRESS", description = "A billing address.")
  String address;

  @Option(names = "--phone", paramLabel = "PHONE", description = "A phone number.")
  String phone;

  @Option(names = "--jsonl", description = "Read JSON lines from stdin, write JSON lines.")
  boolean jsonl;

  ParseCmd(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    boolean single = name != null || address != null || phone != null;
    if (jsonl && single) {
      throw new ParameterException(
          spec.commandLine(), "--jsonl reads stdin; give it without --name/--address/--phone");
    }
    if (jsonl) {
      new JsonlParse(ctx.json()).run(ctx.io.in(), ctx.out);
      return ExitCodes.OK;
    }
    if (!single) {
      throw new ParameterException(
          spec.commandLine(), "give --name, --address and/or --phone, or --jsonl");
    }
    ctx.out.println(
        ctx.json()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(ParsedLine.of(name, address, phone)));
    ctx.out.flush();
    return ExitCodes.OK;
  }
}
