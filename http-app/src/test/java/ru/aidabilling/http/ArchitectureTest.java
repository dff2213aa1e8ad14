package ru.aidabilling.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's rules as http-app sees the whole classpath (spec 2): inbound handlers reach the
 * core only through its inbound ports, only the composition root (and the sandbox, which starts the
 * fake upstreams) touches adapters or builds services, adapters never see the apps or each other,
 * and the core needs nothing but the JDK. Each rule was seen to fail against a deliberately bad
 * class before it was trusted. Plain {@code @Test}s calling {@code check}: the pinned Surefire does
 * not run ArchUnit's {@code @ArchTest} fields.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar")) // core's test-jar
          .importPackages("ru.aidabilling");

  private static final String ROOT = "ru.aidabilling.http.HttpApp";

  @Test
  void inboundHandlersReachTheCoreOnlyThroughItsInboundPorts() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage("ru.aidabilling.http.api..", "ru.aidabilling.http.server..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "ru.aidabilling.core.service..",
                "ru.aidabilling.core.port.out..",
                "ru.aidabilling.core.memory..",
                "ru.aidabilling.core.audit..")
            .because("handlers call use cases (core.port.in), never services or out-ports");
    rule.check(CLASSES);
  }

  @Test
  void onlyTheCompositionRootBuildsServicesAndAdapters() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("ru.aidabilling.http..")
            .and()
            .doNotHaveFullyQualifiedName(ROOT)
            .and()
            .resideOutsideOfPackage("ru.aidabilling.http.sandbox..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "ru.aidabilling.adapter..",
                "ru.aidabilling.core.service..",
                "ru.aidabilling.core.audit..")
            .because("HttpApp is the one composition root (no DI container)");
    rule.check(CLASSES);
  }

  @Test
  void adaptersNeverDependOnAppsOrEachOther() {
    noClasses()
        .that()
        .resideInAPackage("ru.aidabilling.adapter.billing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ru.aidabilling.adapter.freescout..", "ru.aidabilling.http..", "ru.aidabilling.cli..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("ru.aidabilling.adapter.freescout..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ru.aidabilling.adapter.billing..", "ru.aidabilling.http..", "ru.aidabilling.cli..")
        .check(CLASSES);
  }

  @Test
  void coreDependsOnlyOnTheJdk() {
    classes()
        .that()
        .resideInAPackage("ru.aidabilling.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.net.ssl..", "ru.aidabilling.core..") // JDK only
        .check(CLASSES);
  }

  @Test
  void endpointLogicKnowsNothingOfUndertow() {
    noClasses()
        .that()
        .resideInAPackage("ru.aidabilling.http.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.undertow..", "org.xnio..")
        .because("the sandbox route and unit tests reuse the endpoints without a server")
        .check(CLASSES);
  }
}
