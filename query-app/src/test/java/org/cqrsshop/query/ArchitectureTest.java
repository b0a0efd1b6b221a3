package org.cqrsshop.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import org.eclipse.microprofile.graphql.Input;
import org.junit.jupiter.api.Test;

/**
 * The read model's layers: the views and their projections at the bottom, what every view shares
 * beside them, the infrastructure around them, and GraphQL on top. No package depends on one that
 * depends on it.
 */
class ArchitectureTest {

    /** Imported once for every rule: importing walks the classpath, the slowest part of this test. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cqrsshop.query");

    private static final String[] FEATURES = {
        "org.cqrsshop.query.product..", "org.cqrsshop.query.cart..", "org.cqrsshop.query.order.."};

    private static GivenClassesConjunction views() {
        return noClasses().that().resideInAnyPackage(FEATURES).and().resideOutsideOfPackages("..graphql..");
    }

    @Test
    void packages_are_free_of_cycles() {
        slices().matching("org.cqrsshop.query.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void views_know_nothing_of_graphql() {
        views().should().dependOnClassesThat().resideInAnyPackage(
                        "org.eclipse.microprofile.graphql..", "io.smallrye.graphql..", "..graphql..")
                .check(CLASSES);
    }

    @Test
    void views_do_not_reach_into_the_infrastructure_around_them() {
        views().should().dependOnClassesThat().resideInAnyPackage(
                        "org.cqrsshop.query.inbox..", "org.cqrsshop.query.feed..", "org.cqrsshop.query.cache..",
                        "org.cqrsshop.query.change..", "org.cqrsshop.query.freshness..", "org.cqrsshop.query.rebuild..",
                        "org.cqrsshop.query.admin..", "org.cqrsshop.query.health..", "org.cqrsshop.query.redis..")
                .check(CLASSES);
    }

    @Test
    void what_every_view_shares_names_no_feature() {
        noClasses().that().resideInAnyPackage("org.cqrsshop.query.projection..", "org.cqrsshop.query.inbox..",
                        "org.cqrsshop.query.rebuild..", "org.cqrsshop.query.feed..", "org.cqrsshop.query.freshness..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(CLASSES);
    }

    @Test
    void only_graphql_packages_speak_graphql() {
        noClasses().that().resideOutsideOfPackages("..graphql..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.graphql..")
                .check(CLASSES);
    }

    @Test
    void graphql_inputs_build_no_database_queries() {
        noClasses().that().areAnnotatedWith(Input.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.bson..", "com.mongodb..", "io.quarkus.mongodb..")
                .check(CLASSES);
    }
}
