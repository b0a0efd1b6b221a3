package org.cqrsshop.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contracts are plain Java; only their JSON codec may know Jackson. */
class CommonPurityTest {

    private final JavaClasses common = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cqrsshop.common");

    @Test
    void contracts_depend_on_no_framework() {
        noClasses().that().resideOutsideOfPackage("org.cqrsshop.common.event.json..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.fasterxml..", "io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "org.bson..", "com.mongodb..")
                .check(common);
    }
}
