package ru.aidabilling.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's rules for core (spec 2), checked on the compiled classes so they cannot drift: core
 * needs nothing but the JDK, the domain sits in the middle, ports are plain contracts, and services
 * reach the outside only through the out-ports. Each rule was seen to fail once against a
 * deliberately bad class before it was trusted.
 */
class ArchitectureTest {
  /*
   * Plain JUnit tests calling ArchRule.check, not @ArchTest fields: with the pinned Surefire 3.5.3
   * the ArchUnit engine's field rules are silently not run (TNG/ArchUnit#1442, #1524).
   */
  private static final JavaClasses CORE_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("ru.aidabilling.core");

  private static final String CORE = "ru.aidabilling.core..";
  private static final String DOMAIN = "ru.aidabilling.core.domain..";
  private static final String PORTS = "ru.aidabilling.core.port..";
  private static final String PARSE = "ru.aidabilling.core.parse..";
  private static final String SERVICE = "ru.aidabilling.core.service..";
  private static final String MEMORY = "ru.aidabilling.core.memory..";
  private static final String AUDIT = "ru.aidabilling.core.audit..";

  @Test
  void coreDependsOnlyOnTheJdk() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage(CORE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.net.ssl..", CORE)
            .because("core is an embeddable library with no third-party dependency (spec 2)");
    rule.check(CORE_CLASSES);
  }

  @Test
  void onlyTheOutboundHttpClientUsesTls() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(CORE)
            .and()
            .resideOutsideOfPackage("ru.aidabilling.core.outbound..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javax..")
            .because("javax.net.ssl is there for BoundedExchange's https and nothing else");
    rule.check(CORE_CLASSES);
  }

  @Test
  void portsAreInterfacesRecordsOrEnums() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage(PORTS)
            .should(
                ArchConditions.be(
                    DescribedPredicate.describe(
                        "an interface, a record or an enum",
                        (JavaClass c) ->
                            c.isInterface()
                                || c.isEnum()
                                || c.getRawSuperclass()
                                    .map(s -> s.isEquivalentTo(Record.class))
                                    .orElse(false))))
            .because("ports are contracts: behaviour lives in services and adapters");
    rule.check(CORE_CLASSES);
  }

  @Test
  void nothingInPortsOrDomainUsesAService() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(PORTS, DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SERVICE)
            .because("callers reach a use case through its in-port, never its implementation");
    rule.check(CORE_CLASSES);
  }

  @Test
  void domainDependsOnNoOuterLayer() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVICE, MEMORY, AUDIT, PORTS, PARSE)
            .because("the domain is the centre of the hexagon");
    rule.check(CORE_CLASSES);
  }

  @Test
  void portsDependOnlyOnTheDomain() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage(PORTS)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", DOMAIN, PORTS);
    rule.check(CORE_CLASSES);
  }

  @Test
  void servicesReachTheOutsideOnlyThroughOutPorts() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(SERVICE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(MEMORY, AUDIT)
            .because("the apps choose the implementations; services see only the port interfaces");
    rule.check(CORE_CLASSES);
  }

  @Test
  void onlyAdaptersUseTheOutboundHttpHelpers() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, PORTS, SERVICE, PARSE, MEMORY, AUDIT)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("ru.aidabilling.core.outbound..")
            .because("core.outbound is plumbing the HTTP adapters share, not part of the use case");
    rule.check(CORE_CLASSES);
  }
}
