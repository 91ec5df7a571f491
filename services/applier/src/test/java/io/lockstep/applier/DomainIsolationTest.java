package io.lockstep.applier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DomainIsolationTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lockstep.applier");

    @Test
    void theSyncHealthAndRollbackDomainImportsNoAdapterOrFramework() {
        noClasses().that().resideInAnyPackage("io.lockstep.applier.sync..", "io.lockstep.applier.health..",
                        "io.lockstep.applier.rollback..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8..", "org.apache.kafka..", "org.eclipse.jgit..", "io.smallrye.reactive.messaging..",
                        "org.hibernate..", "io.quarkus..", "jakarta.persistence..", "jakarta.enterprise..",
                        "io.micrometer..", "io.lockstep.applier.kube..", "io.lockstep.applier.history..",
                        "io.lockstep.applier.messaging..", "io.lockstep.applier.metrics..",
                        "io.lockstep.applier.git..", "io.lockstep.applier.http..", "io.lockstep.applier.recovery..")
                .check(CLASSES);
    }
}
