package ru.aidabilling.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/**
 * The command line's boundaries: commands reach the core through its inbound ports (and the pure
 * parse/domain/wire/settings packages); the composition root {@link CliApp} alone builds adapters
 * and services. The one out-port a command sees is the customer listing that {@code sync-all}
 * walks.
 */
class ArchitectureTest {
  private static final JavaClasses CLI =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("ru.aidabilling.cli");

  @Test
  void onlyTheCompositionRootTouchesAdaptersAndServices() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("ru.aidabilling.cli..")
            .and()
            .doNotBelongToAnyOf(CliApp.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "ru.aidabilling.adapter..",
                "ru.aidabilling.core.service..",
                "ru.aidabilling.core.audit..",
                "ru.aidabilling.core.memory..");
    rule.check(CLI);
  }

  @Test
  void commandsReachTheCoreOnlyThroughItsInboundPorts() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("ru.aidabilling.cli..")
            .and()
            .doNotBelongToAnyOf(CliApp.class)
            .should()
            .onlyDependOnClassesThat(
                resideInAnyPackage(
                        "java..",
                        "picocli..",
                        "com.fasterxml.jackson..",
                        "ru.aidabilling.cli..",
                        "ru.aidabilling.core.port.in..",
                        "ru.aidabilling.core.domain..",
                        "ru.aidabilling.core.parse..",
                        "ru.aidabilling.core.wire..",
                        "ru.aidabilling.core.settings..")
                    .or(
                        belongToAnyOf(
                            CustomerDirectory.class, CustomerPage.class, PageQuery.class)));
    rule.check(CLI);
  }
}
