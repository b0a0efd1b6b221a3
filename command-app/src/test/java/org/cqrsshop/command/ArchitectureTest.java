package org.cqrsshop.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import org.junit.jupiter.api.Test;

/** The domain is plain Java: frameworks stay in the adapters around it. */
class ArchitectureTest {

    /** Imported once for both rules: importing walks the classpath, the slowest part of this test. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cqrsshop.command");

    private static GivenClassesConjunction domain() {
        return noClasses()
                .that().resideInAnyPackage("org.cqrsshop.command.decider..", "org.cqrsshop.command.product..",
                        "org.cqrsshop.command.cart..", "org.cqrsshop.command.order..")
                .and().resideOutsideOfPackages("..graphql..", "..application..");
    }

    @Test
    void domain_packages_import_no_framework() {
        domain().should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "com.fasterxml..",
                        "org.bson..", "com.mongodb..", "org.eclipse.microprofile..", "org.jboss..")
                .check(CLASSES);
    }

    @Test
    void domain_does_not_reach_into_adapters() {
        domain().should().dependOnClassesThat().resideInAnyPackage(
                        "org.cqrsshop.command.eventstore..", "org.cqrsshop.command.outbox..",
                        "org.cqrsshop.command.handling..", "org.cqrsshop.command.graphql..",
                        "org.cqrsshop.command.snapshot..", "..graphql..", "..application..")
                .check(CLASSES);
    }
}
