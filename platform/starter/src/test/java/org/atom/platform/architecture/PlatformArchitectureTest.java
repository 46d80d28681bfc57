package org.atom.platform.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PlatformArchitectureTest {

    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.atom.platform");

    @Test
    void platformFeaturesHaveNoCycles() {
        slices().matching("org.atom.platform.(*)..").should().beFreeOfCycles().check(PLATFORM);
    }

    @Test
    void theTechnicalPlatformNeverDependsOnServices() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "org.atom.platform..",
                        "java..",
                        "javax..",
                        "jakarta..",
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.flywaydb..",
                        "org.postgresql..",
                        "org.slf4j..",
                        "io.micrometer..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..",
                        "io.swagger..",
                        "org.springdoc..",
                        "com.nimbusds..",
                        "org.jspecify..")
                .check(PLATFORM);
    }
}
