package org.atom.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** Package-by-feature rules of CONVENTIONS.md, for auth-service. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.atom.auth");

    @Test
    void entitiesNeverLeaveTheirFeature() {
        classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(CLASSES);
    }

    @Test
    void controllersAreNotPartOfAnyFeaturesPublicApi() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .notBePublic()
                .check(CLASSES);
    }

    @Test
    void noGrabBagPackages() {
        noClasses()
                .should()
                .resideInAnyPackage("..common..", "..util..", "..utils..", "..helpers..")
                .check(CLASSES);
    }
}
