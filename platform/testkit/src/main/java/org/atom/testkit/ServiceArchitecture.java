package org.atom.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package-by-feature rules of CONVENTIONS.md, checked on a service's main classes: JPA entities and controllers
 * stay inside their feature (not public), and no grab-bag packages ({@code common}, {@code util}, {@code helpers}).
 * A service's {@code ArchitectureTest} calls {@link #check(String)} with its base package.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {}

    /** Fails with every violation of the rules in the service's main classes below {@code basePackage}. */
    public static void check(String basePackage) {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        classes()
                .that()
                .areAnnotatedWith("jakarta.persistence.Entity")
                .should()
                .notBePublic()
                .allowEmptyShould(true)
                .check(main);
        classes()
                .that()
                .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should()
                .notBePublic()
                .check(main);
        noClasses()
                .should()
                .resideInAnyPackage("..common..", "..util..", "..utils..", "..helpers..")
                .check(main);
    }
}
