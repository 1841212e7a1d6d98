package ai.lepton.compute.scheduler;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The scheduler is pure logic: it runs in the agent and in the benchmarks, outside Quarkus. */
class FrameworkFreeTest {

    @Test
    void schedulerUsesNoFrameworkTypes() {
        noClasses().that().resideInAPackage("ai.lepton.compute.scheduler..")
                .should().dependOnClassesThat(resideInAnyPackage("io.quarkus..", "jakarta..", "org.hibernate..",
                        "io.vertx..", "io.smallrye..", "org.eclipse.microprofile..", "org.jboss..",
                        "com.fasterxml.."))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("ai.lepton.compute.scheduler"));
    }

    @Test
    void schedulerDependsOnNoOtherLeptonModule() {
        noClasses().that().resideInAPackage("ai.lepton.compute.scheduler..")
                .should().dependOnClassesThat(resideInAnyPackage("ai.lepton.platform..", "ai.lepton.data..",
                        "ai.lepton.ml..", "ai.lepton.edge..", "ai.lepton.ops..", "ai.lepton.ledger.."))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("ai.lepton.compute.scheduler"));
    }
}
