package org.cqrsshop.command.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.junit.jupiter.api.Test;

/**
 * The API is a reviewed contract: the generated schema must equal the committed one. After an
 * intended change, run with {@code -Dschema.update=true} and commit the new file with the change.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class SchemaSnapshotTest {

    private static final Path COMMITTED = Path.of("schema.graphql");

    @Test
    void generated_schema_equals_the_committed_one() throws Exception {
        String generated = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(COMMITTED).as("committed schema").exists();
        assertThat(generated)
                .as("the generated schema differs from command-app/schema.graphql; if intended, run with -Dschema.update=true")
                .isEqualTo(Files.readString(COMMITTED));
    }
}
