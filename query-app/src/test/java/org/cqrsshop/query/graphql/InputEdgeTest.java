package org.cqrsshop.query.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Arguments the edge refuses before any read runs (docs/errors.md): an Int past 32 bits, a
 * BigInteger past a long, text with control characters, a federation representation that does
 * not fit its entity's key. Each is VALIDATION_FAILED naming what is wrong.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
// The same resources in every test class of this module: one app for all (see FakeEventFeedResource).
@WithTestResource(FakeEventFeedResource.class)
class InputEdgeTest {

    @Test
    void a_page_size_past_32_bits_is_out_of_range_not_wrapped_below_1() {
        JsonPath literal = post(null, "{ products(first: 2147483648) { totalCount } }", Map.of());
        JsonPath variable = post(null, "query ($f: Int) { products(first: $f) { totalCount } }", Map.of("f", 2147483648L));

        assertThat(literal.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(literal.getString("errors[0].message")).contains("argument 'first'", "must be a whole number")
                .doesNotContain("greater than");
        assertThat(variable.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(variable.getString("errors[0].message")).contains("'f'", "must be a whole number");
    }

    @Test
    void a_price_bound_past_a_long_is_refused_not_wrapped() {
        JsonPath response = post(null, "{ products(filter: {minPriceMinor: 18446744073709551617}) { totalCount } }", Map.of());

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo("filter.minPriceMinor");
    }

    @Test
    void a_control_character_in_search_text_is_refused_naming_the_field() {
        JsonPath response = post(null, "query ($s: String) { products(filter: {search: $s}) { totalCount } }", Map.of("s", "mug\u0000"));

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo("filter.search");
    }

    @Test
    void an_order_representation_without_its_version_is_refused_naming_the_key_whoever_asks() {
        String query = "query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }";
        Map<String, Object> variables = Map.of("r", List.of(Map.of("__typename", "Order", "id", UUID.randomUUID().toString())));

        for (String token : new String[] {null, TestTokens.customer(UUID.randomUUID()), TestTokens.admin()}) {
            JsonPath response = post(token, query, variables);
            assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
            assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo("representations[0].version");
        }
    }

    @Test
    void every_malformed_representation_of_every_entity_gets_validation_failed() {
        String query = "query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }";
        String id = UUID.randomUUID().toString();
        for (String entity : List.of("Product", "Cart", "Order")) {
            for (Object representations : List.of(
                    List.of(Map.of("__typename", entity, "version", 1)),
                    List.of(Map.of("__typename", entity, "id", id)),
                    List.of(Map.of("__typename", entity, "id", 7, "version", 1)),
                    List.of(Map.of("__typename", entity, "id", id, "version", "one")),
                    List.of(Map.of("__typename", entity, "id", id, "version", 4294967297L)),
                    List.of(Map.of("__typename", entity, "id", "not-a-uuid", "version", 1)),
                    List.of(Map.of("__typename", entity, "id", id, "version", -1)),
                    List.of(Map.of("__typename", entity, "id", id, "version", 1, "name", "x")))) {
                JsonPath response = post(TestTokens.admin(), query, Map.of("r", representations));
                assertThat(response.getString("errors[0].extensions.code")).as(representations.toString())
                        .isEqualTo("VALIDATION_FAILED");
            }
        }
        for (Object representations : List.of(List.of(Map.of("__typename", "Invoice", "id", id, "version", 1)), List.of("Order"), "Order")) {
            assertThat(post(null, query, Map.of("r", representations)).getString("errors[0].extensions.code"))
                    .as(representations.toString()).isEqualTo("VALIDATION_FAILED");
        }
    }

    private static JsonPath post(String token, String query, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
