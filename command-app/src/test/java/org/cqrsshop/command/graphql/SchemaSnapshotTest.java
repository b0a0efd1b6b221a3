package org.cqrsshop.command.graphql;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.SchemaSnapshot;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class SchemaSnapshotTest {

    @Test
    void generated_schema_equals_the_committed_one() throws Exception {
        String generated = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        SchemaSnapshot.assertMatchesCommitted(generated, Path.of("schema.graphql"));
    }

    /** What the gateway composes the supergraph from (gateway/compose.mjs): the SDL with federation's directives. */
    @Test
    void subgraph_schema_equals_the_committed_one() throws Exception {
        String sdl = given().contentType("application/json").body(SchemaSnapshot.SUBGRAPH_SDL_QUERY)
                .when().post("/graphql").then().statusCode(200).extract().path("data._service.sdl");
        SchemaSnapshot.assertMatchesCommitted(sdl, Path.of("subgraph.graphql"));
    }
}
