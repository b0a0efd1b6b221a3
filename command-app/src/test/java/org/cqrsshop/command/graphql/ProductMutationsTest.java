package org.cqrsshop.command.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.graphql.GraphQLClient.post;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The product mutations over HTTP, with the real event store behind them. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class ProductMutationsTest {

    TestPostgres postgres;

    @Test
    void create_returns_the_id_and_version_one_and_records_the_request_correlation() throws Exception {
        UUID correlation = UUID.randomUUID();
        JsonPath response = post(createMug(null), Map.of("X-Correlation-Id", correlation.toString()));

        String id = response.getString("data.createProduct.id");
        assertThat(response.getInt("data.createProduct.version")).isEqualTo(1);
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT event_type, correlation_id, causation_id, payload->>'sku' AS sku FROM events"
                                + " WHERE stream_id = '" + id + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("event_type")).isEqualTo("ProductCreated");
            assertThat(row.getObject("correlation_id")).isEqualTo(correlation);
            assertThat(row.getObject("causation_id")).isNotEqualTo(correlation);
            assertThat(row.getString("sku")).startsWith("MUG-");
            assertThat(row.next()).isFalse();
        }
    }

    @Test
    void update_and_delete_move_the_version_on_and_streamVersion_reports_it() {
        String id = UUID.randomUUID().toString();
        post(createMug(id));

        JsonPath updated = post("mutation { updateProduct(input: {productId: \"" + id
                + "\", expectedVersion: 1, price: {amountMinor: 1499, currency: \"EUR\"}}) { id version } }");
        JsonPath deleted = post("mutation { deleteProduct(input: {productId: \"" + id + "\"}) { id version } }");

        assertThat(updated.getInt("data.updateProduct.version")).isEqualTo(2);
        assertThat(deleted.getInt("data.deleteProduct.version")).isEqualTo(3);
        assertThat(post("{ streamVersion(id: \"" + id + "\") }").getInt("data.streamVersion")).isEqualTo(3);
    }

    @Test
    void a_stale_expected_version_is_a_concurrency_conflict() {
        String id = UUID.randomUUID().toString();
        post(createMug(id));
        post("mutation { updateProduct(input: {productId: \"" + id + "\", name: \"Cup\"}) { version } }");

        JsonPath response = post("mutation { updateProduct(input: {productId: \"" + id
                + "\", expectedVersion: 1, name: \"Bowl\"}) { version } }");

        assertThat(errorCode(response)).isEqualTo("CONCURRENCY_CONFLICT");
        assertThat(response.getInt("errors[0].extensions.expectedVersion")).isEqualTo(1);
    }

    @Test
    void business_rule_rejections_carry_their_own_codes() {
        String id = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();
        post(createMug(id));

        assertThat(errorCode(post(createMug(id)))).isEqualTo("PRODUCT_ALREADY_EXISTS");
        assertThat(errorCode(post("mutation { updateProduct(input: {productId: \"" + missing
                + "\", name: \"x\"}) { version } }"))).isEqualTo("NOT_FOUND");
        post("mutation { deleteProduct(input: {productId: \"" + id + "\"}) { version } }");
        assertThat(errorCode(post("mutation { deleteProduct(input: {productId: \"" + id + "\"}) { version } }")))
                .isEqualTo("PRODUCT_DELETED");
    }

    @Test
    void malformed_input_is_validation_failed_naming_each_field_and_writes_nothing() throws Exception {
        String id = UUID.randomUUID().toString();
        JsonPath response = post("mutation { createProduct(input: {productId: \"" + id + "\", sku: \"MUG 1\","
                + " name: \"\", description: \"\", price: {amountMinor: -5, currency: \"EUR\"}, category: \"k\","
                + " stockQuantity: 1}) { id } }");

        assertThat(errorCode(response)).isEqualTo("VALIDATION_FAILED");
        List<String> fields = response.getList("errors[0].extensions.violations.field");
        assertThat(fields).containsExactlyInAnyOrder("input.sku", "input.name", "input.price.amountMinor");
        assertThat(eventCount(id)).isZero();
    }

    @Test
    void an_unknown_currency_an_overflowing_amount_and_a_bad_id_are_validation_failures() {
        assertThat(response("price: {amountMinor: 100, currency: \"XYZ\"}"))
                .isEqualTo(Map.of("code", "VALIDATION_FAILED", "violations",
                        List.of(Map.of("field", "input.price.currency",
                                "message", "must be an ISO 4217 currency code such as EUR"))));
        assertThat(errorCode(post(createMugWith("price: {amountMinor: 99999999999999999999999, currency: \"EUR\"}"))))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(errorCode(post("mutation { deleteProduct(input: {productId: \"42\"}) { version } }")))
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_malformed_query_is_validation_failed() {
        assertThat(errorCode(post("{ noSuchField }"))).isEqualTo("VALIDATION_FAILED");
        assertThat(errorCode(post("mutation { createProduct(input: {sku: 1}) { id } }"))).isEqualTo("VALIDATION_FAILED");
    }

    private Map<String, Object> response(String price) {
        return post(createMugWith(price)).getMap("errors[0].extensions");
    }

    private int eventCount(String streamId) throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM events WHERE stream_id = '" + streamId + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String errorCode(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }

    private static String createMug(String id) {
        String idField = id == null ? "" : "productId: \"" + id + "\", ";
        return "mutation { createProduct(input: {" + idField + "sku: \"" + uniqueSku() + "\", name: \"Mug\", description: \"\","
                + " price: {amountMinor: 1299, currency: \"EUR\"}, category: \"kitchen\", stockQuantity: 3})"
                + " { id version } }";
    }

    /** SKUs are unique across products, so every product a test creates gets its own. */
    private static String uniqueSku() {
        return "MUG-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String createMugWith(String price) {
        return "mutation { createProduct(input: {sku: \"" + uniqueSku() + "\", name: \"Mug\", description: \"\", " + price
                + ", category: \"kitchen\", stockQuantity: 3}) { id version } }";
    }
}
