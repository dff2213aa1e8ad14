package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The root command's model, built with picocli's API so that no run reads annotations, is the one
 * its former annotations made ({@link AnnotatedRootCommand}), and the summaries that stand in for
 * unnamed subcommands carry what their classes' annotations say.
 */
class RootCommandModelTest {
  private static final Predicate<String> NONE = word -> false;
  private static final Predicate<String> ALL = word -> true;

  @Test
  void theTopHelpIsTheAnnotatedRootsByteForByteInColourToo() {
    for (Predicate<String> named : List.of(NONE, ALL)) {
      for (Ansi ansi : List.of(Ansi.OFF, Ansi.ON)) {
        assertEquals(
            annotated(named).getUsageMessage(ansi), programmatic(named).getUsageMessage(ansi));
      }
    }
  }

  @Test
  void everyCommandOfTheTreeHasTheAnnotatedRootsAttributesAndOptions() {
    // every subcommand inherits the four global options, so the whole tree is compared
    assertEquals(describe(annotated(ALL)), describe(programmatic(ALL)));
    assertEquals(describe(annotated(NONE)), describe(programmatic(NONE)));
  }

  @Test
  void runsGiveTheSameOutputErrorsExitCodesAndGlobalSettings() {
    String[][] runs = {
      {"--help"},
      {"-h"},
      {"--version"},
      {"-V"},
      {},
      {"--bogus"},
      {"--config"},
      {"--config", "a.properties", "--config", "b.properties", "parse", "--name", "x"},
      {"--verbose=maybe"},
      {"-hv"},
      {"-vV"},
      {"syn"},
      {"--billing-url", "http://127.0.0.1:1/b", "--freescout-url=http://127.0.0.1:2", "parse"},
      {"parse", "--config", "c.properties", "--verbose", "--name", "Иванов Иван Иванович"},
      {"-v", "parse", "--billing-url"},
      {"config", "--freescout-url", "x", "chek"},
      {"parse", "--help"},
      {"--version", "--help"},
      {"generate-completion"},
    };
    for (String[] args : runs) {
      assertEquals(run(ANNOTATED, args), run(PROGRAMMATIC, args), String.join(" ", args));
    }
  }

  @Test
  void summariesCarryTheNameAndHeaderOfTheirCommandsAnnotation() {
    CommandLine full = programmatic(ALL);
    CommandLine lazy = programmatic(NONE);
    for (Map.Entry<String, CommandLine> sub : full.getSubcommands().entrySet()) {
      Class<?> type = sub.getValue().getCommandSpec().userObject().getClass();
      Command annotation = type.getAnnotation(Command.class);
      CommandSpec summary = lazy.getSubcommands().get(sub.getKey()).getCommandSpec();
      assertFalse(summary.userObject() != null && summary.userObject().getClass() == type);
      assertEquals(annotation.name(), summary.name());
      // picocli's completion command declares none: the top help shows the description CliApp sets
      assertEquals(
          Arrays.asList(annotation.header()), Arrays.asList(summary.usageMessage().header()));
    }
  }

  private interface Root {
    CommandLine make(CliContext ctx);
  }

  private static final Root ANNOTATED = ctx -> new CommandLine(new AnnotatedRootCommand(ctx));
  private static final Root PROGRAMMATIC = ctx -> new CommandLine(new RootCommand(ctx).spec());

  private static CommandLine annotated(Predicate<String> named) {
    CliContext ctx = context(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    return CliApp.commandLine(ctx, named, ANNOTATED.make(ctx));
  }

  private static CommandLine programmatic(Predicate<String> named) {
    CliContext ctx = context(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    return CliApp.commandLine(ctx, named, PROGRAMMATIC.make(ctx));
  }

  /** Output, errors, exit code and the global settings the run left in the context. */
  private static String run(Root root, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = context(out, err);
    int exit = CliApp.commandLine(ctx, CliApp.named(args), root.make(ctx)).execute(args);
    ctx.out.flush();
    ctx.err.flush();
    return "exit "
        + exit
        + "\nconfig "
        + ctx.configFile
        + "\nbilling "
        + ctx.billingUrl
        + "\nfreescout "
        + ctx.freescoutUrl
        + "\nverbose "
        + ctx.verbose
        + "\n--- out\n"
        + out.toString(StandardCharsets.UTF_8)
        + "--- err\n"
        + err.toString(StandardCharsets.UTF_8);
  }

  private static CliContext context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    CliIo io =
        new CliIo(new java.io.ByteArrayInputStream(new byte[0]), out, err, Map.of(), false, "t");
    return new CliContext(
        io,
        new PrintWriter(out, false, StandardCharsets.UTF_8),
        new PrintWriter(err, false, StandardCharsets.UTF_8),
        new StopFlag(),
        (settings, gate) -> {
          throw new AssertionError("no command here needs the upstreams");
        },
        action -> {});
  }

  /** Every attribute of every command of the tree that parsing, help or completion reads. */
  private static String describe(CommandLine root) {
    StringBuilder b = new StringBuilder();
    List<CommandLine> all = new ArrayList<>(List.of(root));
    for (int i = 0; i < all.size(); i++) {
      all.addAll(all.get(i).getSubcommands().values());
    }
    for (CommandLine cl : all) {
      CommandSpec c = cl.getCommandSpec();
      line(b, "command", c.qualifiedName(), Arrays.asList(c.aliases()), c.mixins().keySet());
      line(b, "  kind", c.mixinStandardHelpOptions(), c.helpCommand(), c.scopeType());
      line(b, "  inherited", c.inherited(), c.subcommandsRepeatable(), c.isAddMethodSubcommands());
      line(b, "  version", Arrays.asList(c.version()), type(c.versionProvider()));
      line(b, "  providers", type(c.defaultValueProvider()), type(c.negatableOptionTransformer()));
      line(
          b,
          "  exit",
          c.exitCodeOnSuccess(),
          c.exitCodeOnUsageHelp(),
          c.exitCodeOnVersionHelp(),
          c.exitCodeOnInvalidInput(),
          c.exitCodeOnExecutionException());
      line(b, "  interpolate", c.interpolateVariables(), cl.isCaseInsensitiveEnumValuesAllowed());
      UsageMessageSpec u = c.usageMessage();
      line(b, "  header", u.headerHeading(), Arrays.asList(u.header()));
      line(b, "  synopsis", u.synopsisHeading(), Arrays.asList(u.customSynopsis()));
      line(b, "  synopsis2", u.synopsisSubcommandLabel(), u.abbreviateSynopsis(), u.sortSynopsis());
      line(b, "  description", u.descriptionHeading(), Arrays.asList(u.description()));
      line(b, "  lists", u.parameterListHeading(), u.optionListHeading(), u.commandListHeading());
      line(b, "  footer", u.footerHeading(), Arrays.asList(u.footer()));
      line(b, "  exit codes", u.exitCodeListHeading(), u.exitCodeList());
      line(b, "  sort", u.sortOptions(), u.showDefaultValues(), u.hidden());
      line(b, "  usage", u.requiredOptionMarker(), u.showAtFileInUsageHelp());
      line(b, "  usage2", u.showEndOfOptionsDelimiterInUsageHelp(), u.sectionKeys());
      line(b, "  width", u.width(), u.autoWidth(), u.longOptionsMaxWidth());
      line(b, "  cjk", u.adjustLineBreaksForWideCJKCharacters(), bundle(u.messages()));
      ParserSpec p = c.parser();
      line(b, "  parser", p.separator(), p.posixClusteredShortOptionsAllowed(), p.expandAtFiles());
      line(
          b,
          "  parser2",
          p.atFileCommentChar(),
          p.useSimplifiedAtFiles(),
          p.endOfOptionsDelimiter());
      line(
          b, "  parser3", p.unmatchedArgumentsAllowed(), p.stopAtPositional(), p.stopAtUnmatched());
      line(b, "  parser4", p.overwrittenOptionsAllowed(), p.toggleBooleanFlags(), p.trimQuotes());
      line(b, "  parser5", p.caseInsensitiveEnumValuesAllowed(), p.abbreviatedOptionsAllowed());
      line(b, "  parser6", p.aritySatisfiedByAttachedOptionParam(), p.splitQuotedStrings());
      line(b, "  parser7", p.unmatchedOptionsArePositionalParams(), p.limitSplit());
      line(
          b,
          "  parser8",
          p.allowOptionsAsOptionParameters(),
          p.allowSubcommandsAsOptionParameters());
      line(b, "  parser9", p.unmatchedOptionsAllowedAsOptionParameters(), p.collectErrors());
      line(b, "  positionals", c.positionalParameters().size(), c.argGroups().size());
      line(b, "  unmatched", c.unmatchedArgsBindings().size(), c.requiredArgs().size());
      for (OptionSpec o : c.options()) {
        line(b, "  option", Arrays.asList(o.names()), o.arity(), o.type(), o.paramLabel());
        line(b, "    types", Arrays.asList(o.auxiliaryTypes()), o.typeInfo().isMultiValue());
        line(b, "    description", o.descriptionKey(), Arrays.asList(o.description()));
        line(b, "    help", o.usageHelp(), o.versionHelp(), o.help(), o.hidden(), o.required());
        line(b, "    scope", o.scopeType(), o.inherited(), o.root() != null, o.order());
        line(b, "    negatable", o.negatable(), o.interactive(), o.echo(), o.prompt());
        line(b, "    split", o.splitRegex(), o.splitRegexSynopsisLabel(), o.hideParamSyntax());
        line(b, "    default", o.defaultValue(), o.fallbackValue(), o.mapFallbackValue());
        line(b, "    initial", o.hasInitialValue(), o.initialValue(), o.showDefaultValue());
        line(b, "    consumers", type(o.parameterConsumer()), type(o.preprocessor()));
        line(b, "    completion", o.completionCandidates(), o.converters().length, o.group());
      }
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String what, Object... values) {
    b.append(what).append(": ").append(Arrays.deepToString(values)).append('\n');
  }

  private static String bundle(picocli.CommandLine.Model.Messages messages) {
    return messages == null ? "no messages" : String.valueOf(messages.resourceBundleBaseName());
  }

  private static String type(Object o) {
    return o == null ? "null" : o.getClass().getName();
  }
}
