package ai.lepton;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The module rules of ARCHITECTURE.md, enforced on the compiled main classes. */
class ArchitectureTest {

    static final List<String> MODULES = List.of("platform", "data", "ml", "compute", "edge", "ops", "ledger",
            "console", "cli");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ai.lepton");
    }

    static List<String> modules() {
        return MODULES;
    }

    @ParameterizedTest(name = "{0}: other modules use only its api package")
    @MethodSource("modules")
    void otherModulesUseOnlyTheApiPackage(String module) {
        String root = "ai.lepton." + module + "..";
        String api = "ai.lepton." + module + ".api..";
        ArchRule rule = noClasses().that().resideOutsideOfPackage(root)
                .should().dependOnClassesThat(resideInAPackage(root).and(not(resideInAPackage(api))))
                .as("only " + api + " of module " + module + " may be used from other modules")
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("ai.lepton.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    /** Includes the chaincode: it also runs outside the application, in target/lepton-chaincode.jar. */
    @Test
    void pureLogicHasNoFrameworkTypes() {
        noClasses().that().resideInAnyPackage("ai.lepton.data.ingest..", "ai.lepton.data.clean..",
                "ai.lepton.data.classify..", "ai.lepton.data.profile..", "ai.lepton.compute.scheduler..",
                "ai.lepton.ml.telemetry..", "ai.lepton.ledger.api..", "ai.lepton.ledger.embedded..", "ai.lepton.ledger.anchor..", "ai.lepton.ledger.fabric..",
                "ai.lepton.ledger.chaincode..")
                .should().dependOnClassesThat(resideInAnyPackage("io.quarkus..", "jakarta..", "org.hibernate..",
                        "io.vertx..", "io.smallrye..", "org.eclipse.microprofile.."))
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void entitiesNeverReachTheWebLayer() {
        noClasses().that().resideInAPackage("..web..")
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .check(classes);
    }

    @Test
    void entitiesLiveInStorePackages() {
        noClasses().that().areAnnotatedWith(Entity.class).should().resideOutsideOfPackage("..store..")
                .check(classes);
    }
}
