package io.cameraservice.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.rpc.RpcException;
import io.cameraservice.server.HttpFailures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The allowed directions between packages (docs: architecture notes, "ground floor"): the ground floor imports no
 * other package of the project, the protocol layer and the configuration import only the ground floor, the wiring
 * is imported by nothing but the command line, the wire error types stay in the protocol layer and the method
 * handlers, and no two top-level packages import each other, however indirectly. A new upward import fails the
 * build here.
 */
class PackageDirectionsTest {

  private static final String ROOT = "io.cameraservice";
  private static final String DOMAIN = ROOT + ".domain..";
  private static final String FS = ROOT + ".fs..";
  private static final String RPC = ROOT + ".rpc..";
  private static final String APP = ROOT + ".app..";
  private static final String CLI = ROOT + ".cli..";
  private static final String CONFIG = ROOT + ".config..";

  /** The HTTP error writer: its body is the JSON-RPC error object a WebSocket client gets for the same failure. */
  private static final Class<?> HTTP_ERROR_WRITER = HttpFailures.class;

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(ROOT);

  @Test
  void theGroundFloorImportsNoOtherPackageOfTheProject() {
    for (String floor : List.of(DOMAIN, FS)) {
      noClasses().that().resideInAPackage(floor)
          .should().dependOnClassesThat(projectClassesOutside(floor))
          .check(CLASSES);
    }
  }

  @Test
  void theProtocolLayerImportsOnlyTheGroundFloor() {
    noClasses().that().resideInAPackage(RPC)
        .should().dependOnClassesThat(projectClassesOutside(RPC, DOMAIN))
        .check(CLASSES);
  }

  /**
   * Features read their settings; settings do not read features. What a check needs from a feature is a
   * {@code config.ConfigCheck} listed in {@code app.ConfigChecks}.
   */
  @Test
  void theConfigurationImportsOnlyTheGroundFloor() {
    noClasses().that().resideInAPackage(CONFIG)
        .should().dependOnClassesThat(projectClassesOutside(CONFIG, DOMAIN, FS))
        .check(CLASSES);
  }

  /**
   * A feature's sub-packages (governance.alerts, governance.resources, server.tls, …) are its internals: other
   * features use the feature's own package, and only the wiring reaches inside to assemble it. Every sub-package
   * that exists is checked, so a new one is covered without editing this test.
   */
  @Test
  void noFeatureImportsAnotherFeaturesInternals() {
    CLASSES.stream().map(JavaClass::getPackageName)
        .filter(name -> name.startsWith(ROOT + ".") && name.substring(ROOT.length() + 1).contains("."))
        .distinct()
        .forEach(internal -> {
          String feature = internal.substring(0, internal.indexOf('.', ROOT.length() + 1));
          noClasses().that().resideOutsideOfPackages(feature + "..", APP)
              .should().dependOnClassesThat().resideInAPackage(internal + "..")
              .because(internal + " is internal to " + feature)
              .check(CLASSES);
        });
  }

  @Test
  void onlyTheCommandLineImportsTheWiring() {
    noClasses().that().resideOutsideOfPackages(APP, CLI)
        .should().dependOnClassesThat().resideInAPackage(APP)
        .check(CLASSES);
  }

  @Test
  void wireErrorsStayInTheProtocolLayerAndTheMethodHandlers() {
    noClasses().that(not(resideInAPackage(RPC)).and(not(methodHandlers())).and(not(theHttpErrorWriter())))
        .should().dependOnClassesThat().areAssignableTo(RpcError.class)
        .orShould().dependOnClassesThat().areAssignableTo(RpcException.class)
        .check(CLASSES);
  }

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
        .check(CLASSES);
  }

  private static DescribedPredicate<JavaClass> projectClassesOutside(String... packages) {
    return resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(packages)))
        .as("are classes of the project outside " + String.join(", ", packages));
  }

  /** {@code *Methods} classes and the classes nested in them (anonymous classes, records). */
  private static DescribedPredicate<JavaClass> methodHandlers() {
    return DescribedPredicate.describe("*Methods classes", c -> topLevelName(c).endsWith("Methods"));
  }

  private static DescribedPredicate<JavaClass> theHttpErrorWriter() {
    return DescribedPredicate.describe("the HTTP error writer", c -> topLevelName(c).equals(HTTP_ERROR_WRITER.getName()));
  }

  private static String topLevelName(JavaClass c) {
    int nested = c.getName().indexOf('$');
    return nested < 0 ? c.getName() : c.getName().substring(0, nested);
  }
}
