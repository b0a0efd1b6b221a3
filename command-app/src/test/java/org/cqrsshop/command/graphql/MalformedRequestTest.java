package org.cqrsshop.command.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Requests that never reach GraphQL execution, or ask for more than one request may, still get a documented code. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class MalformedRequestTest {

    @Test
    void a_document_with_a_syntax_error_is_validation_failed_with_its_location() {
        JsonPath response = send("application/json", "{\"query\": \"mutation {\"}", 200);

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getInt("errors[0].locations[0].column")).isEqualTo(11);
        assertThat(send("application/graphql", "mutation {", 200).getString("errors[0].extensions.code"))
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_body_that_is_not_a_graphql_request_is_validation_failed() {
        assertThat(send("application/json", "garbage", 400).getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(send("application/json", "{\"query\": 5}", 400).getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(send("application/json", "[{\"query\": \"{ a }\"}]", 400).getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(send("text/plain", "{ a }", 415).getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_well_formed_request_passes_the_guard_in_either_media_type() {
        String query = "{ streamVersion(id: \"6f1c2a8e-3b7d-4c1e-9a52-0d8e4f7b1c3a\") }";
        assertThat(send("application/graphql", query, 200).getInt("data.streamVersion")).isZero();
        assertThat(send("application/json", "{\"query\": \"" + query.replace("\"", "\\\"") + "\"}", 200)
                .getInt("data.streamVersion")).isZero();
    }

    @Test
    void a_query_deeper_than_the_limit_is_refused_before_it_runs() {
        String deep = "{ __schema { types { fields { type " + "{ ofType ".repeat(14) + "{ name }" + " }".repeat(14)
                + " } } } }";
        JsonPath response = send("application/graphql", deep, 200);

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].message")).contains("depth");
        assertThat(response.getString("data")).isNull();
    }

    @Test
    void a_query_selecting_more_fields_than_the_complexity_limit_is_refused() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 450; i++) {
            wide.append(" a").append(i).append(": streamVersion(id: \"6f1c2a8e-3b7d-4c1e-9a52-0d8e4f7b1c3a\")");
        }
        JsonPath response = send("application/graphql", wide.append(" }").toString(), 200);

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].message")).contains("complexity");
    }

    @Test
    void a_document_of_too_many_tokens_is_refused_without_being_parsed_to_the_end() {
        String flood = "{" + " __typename".repeat(6000) + " }";

        assertThat(send("application/graphql", flood, 200).getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_body_over_the_size_limit_is_refused_with_413_and_a_code() {
        String huge = "{\"query\": \"{ __typename }\", \"variables\": {\"padding\": \"" + "x".repeat(300 * 1024) + "\"}}";
        JsonPath response = send("application/json", huge, 413);

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].message")).contains("larger than");
    }

    private static JsonPath send(String contentType, String body, int status) {
        return given().auth().oauth2(TestTokens.admin()).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/graphql")
                .then().statusCode(status).extract().jsonPath();
    }
}
