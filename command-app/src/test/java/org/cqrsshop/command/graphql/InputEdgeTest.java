package org.cqrsshop.command.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.graphql.GraphQLClient.post;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Input the edge refuses before any command runs (docs/errors.md): an Int past 32 bits, text with
 * control characters, a federation representation that does not fit its entity's key. Each is
 * VALIDATION_FAILED naming what is wrong, and nothing is written.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class InputEdgeTest {

    @Test
    void a_stock_past_32_bits_is_refused_not_wrapped_to_5() {
        String id = UUID.randomUUID().toString();
        JsonPath response = post(createProduct(id, "Mug", "stockQuantity: 4294967301"));

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].message")).contains("input.stockQuantity", "must be a whole number");
        assertThat(streamVersion(id)).isZero();
    }

    @Test
    void a_cart_quantity_variable_past_32_bits_is_refused_not_wrapped_to_2() {
        UUID customer = UUID.randomUUID();
        JsonPath response = postWithVariables(TestTokens.customer(customer),
                "mutation ($q: Int!) { addToCart(input: {productId: \"" + UUID.randomUUID() + "\", quantity: $q}) { version } }",
                Map.of("q", 4294967298L));

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].message")).contains("'q'", "must be a whole number");
        assertThat(response.getString("data")).isNull();
        assertThat(streamVersion(customer.toString())).isZero();
    }

    @Test
    void an_int_as_a_numeric_string_is_taken_as_sent() {
        String id = UUID.randomUUID().toString();
        JsonPath response = post(createProduct(id, "Mug", "stockQuantity: \"7\""));

        assertThat(response.getList("errors")).isNull();
        assertThat(post("{ streamVersion(id: \"" + id + "\") }").getInt("data.streamVersion")).isEqualTo(1);
    }

    @Test
    void a_nul_in_a_product_name_is_refused_naming_the_field_and_nothing_is_written() {
        String id = UUID.randomUUID().toString();
        JsonPath response = post(createProduct(id, "Mu\\u0000g", "stockQuantity: 1"));

        assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo("input.name");
        assertThat(streamVersion(id)).isZero();
    }

    @Test
    void a_description_may_span_lines_but_a_name_may_not() {
        String id = UUID.randomUUID().toString();
        assertThat(post(createProduct(id, "Mug", "stockQuantity: 1").replace("description: \"\"",
                "description: \"Glazed.\\n\\tDishwasher safe.\"")).getList("errors")).isNull();

        JsonPath named = post(createProduct(UUID.randomUUID().toString(), "Mug\\nCup", "stockQuantity: 1"));
        assertThat(named.getString("errors[0].extensions.violations[0].field")).isEqualTo("input.name");
    }

    @Test
    void a_representation_without_its_version_is_refused_naming_the_missing_key_whoever_asks() {
        String query = "query ($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id version } } }";
        Map<String, Object> variables = Map.of("r", List.of(Map.of("__typename", "Order", "id", UUID.randomUUID().toString())));

        for (String token : new String[] {null, TestTokens.customer(UUID.randomUUID()), TestTokens.admin()}) {
            JsonPath response = postWithVariables(token, query, variables);
            assertThat(response.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
            assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo("representations[0].version");
        }
    }

    @Test
    void every_malformed_representation_gets_validation_failed() {
        String query = "query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }";
        String id = UUID.randomUUID().toString();
        for (Object representations : List.of(
                List.of(Map.of("__typename", "Product", "version", 1)),
                List.of(Map.of("__typename", "Cart", "id", 7, "version", 1)),
                List.of(Map.of("__typename", "Cart", "id", id, "version", "one")),
                List.of(Map.of("__typename", "Cart", "id", id, "version", 4294967297L)),
                List.of(Map.of("__typename", "Order", "id", "not-a-uuid", "version", 1)),
                List.of(Map.of("__typename", "Order", "id", id, "version", -1)),
                List.of(Map.of("__typename", "Invoice", "id", id, "version", 1)),
                List.of("Order"),
                "Order")) {
            JsonPath response = postWithVariables(null, query, Map.of("r", representations));
            assertThat(response.getString("errors[0].extensions.code")).as(representations.toString()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void a_well_formed_representation_is_answered() {
        String id = UUID.randomUUID().toString();
        JsonPath response = postWithVariables(null, "query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id version } } }",
                Map.of("r", List.of(Map.of("__typename", "Product", "id", id, "version", 3))));

        assertThat(response.getList("errors")).isNull();
        assertThat(response.getString("data._entities[0].id")).isEqualTo(id);
        assertThat(response.getInt("data._entities[0].version")).isEqualTo(3);
    }

    private static String createProduct(String id, String name, String stock) {
        return "mutation { createProduct(input: {productId: \"" + id + "\", sku: \"EDGE-" + id.substring(0, 8) + "\", name: \""
                + name + "\", description: \"\", price: {amountMinor: 100, currency: \"EUR\"}, category: \"edge\", " + stock
                + "}) { id version } }";
    }

    private static int streamVersion(String id) {
        return post("{ streamVersion(id: \"" + id + "\") }").getInt("data.streamVersion");
    }

    private static JsonPath postWithVariables(String token, String query, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
