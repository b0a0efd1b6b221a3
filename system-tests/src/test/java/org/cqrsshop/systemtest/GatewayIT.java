package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.testing.GraphQLResults;
import org.cqrsshop.testing.GraphQLSubscriber;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one endpoint (docs/federation.md): every request here goes through Hive Gateway, which
 * federates the command-app and the query-app. A client mixes mutations, queries and
 * subscriptions on it, reads its own writes in a mutation's result, and gets the subgraphs' error
 * codes as they are.
 */
class GatewayIT extends SystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Patience.SERVICE;
    private static final String ADDRESS = "shippingAddress: {recipient: \"Ada\", line1: \"1 Main St\", postalCode: \"1000\","
            + " city: \"Brussels\", country: \"BE\"}";

    private static GatewayProcess gateway;

    @BeforeAll
    static void startTheGateway() throws Exception {
        gateway = GatewayProcess.start(shop);
    }

    @AfterAll
    static void stopTheGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void a_customer_shops_on_one_endpoint_with_mutations_and_queries_mixed() {
        String mug = createProduct("GW-FLOW", 1299, 10);
        UUID customer = UUID.randomUUID();
        String shopper = TestTokens.customer(customer);

        JsonNode added = data(shopper, "mutation { addToCart(input: {productId: \"" + mug + "\", quantity: 2}) {"
                + " version cart { itemCount lines { quantity product { name } lineTotal { amountMinor } } } } }")
                .path("addToCart");
        assertThat(added.path("cart").path("itemCount").asInt()).as("%s", added).isEqualTo(2);
        assertThat(added.path("cart").path("lines").path(0).path("product").path("name").asText()).isEqualTo("Mug GW-FLOW");
        assertThat(added.path("cart").path("lines").path(0).path("lineTotal").path("amountMinor").asLong()).isEqualTo(2598);

        JsonNode browsing = data(shopper, "{ cart { itemCount subtotal { amountMinor currency } }"
                + " product(id: \"" + mug + "\") { name stockQuantity } }");
        assertThat(browsing.path("cart").path("subtotal").path(0).path("amountMinor").asLong()).isEqualTo(2598);
        assertThat(browsing.path("product").path("stockQuantity").asInt()).isEqualTo(10);

        JsonNode placed = data(shopper, "mutation { createOrder(input: {fromCart: true, " + ADDRESS + "}) {"
                + " orderNumber order { status customerId total { amountMinor currency } lines { quantity } } } }")
                .path("createOrder");
        assertThat(placed.path("order").path("status").asText()).as("%s", placed).isEqualTo("PENDING");
        assertThat(placed.path("order").path("customerId").asText()).isEqualTo(customer.toString());
        assertThat(placed.path("order").path("total").path("amountMinor").asLong()).isEqualTo(2598);

        JsonNode history = data(shopper, "{ orderHistory { edges { node { orderNumber status } } }"
                + " cart(minVersion: 2) { itemCount } product(id: \"" + mug + "\", minVersion: 2) { stockQuantity } }");
        assertThat(history.path("orderHistory").path("edges").path(0).path("node").path("orderNumber").asText())
                .isEqualTo(placed.path("orderNumber").asText());
        assertThat(history.path("cart").path("itemCount").asInt()).as("the order emptied the cart").isZero();
        assertThat(history.path("product").path("stockQuantity").asInt()).as("stock reserved").isEqualTo(8);
    }

    @Test
    void a_mutation_reads_what_it_wrote_from_the_read_side_at_the_version_it_wrote() {
        String mug = createProduct("GW-RYW", 500, 1);
        for (int version = 2; version <= 11; version++) {
            String name = "Mug, edition " + version;
            JsonNode updated = data(TestTokens.admin(), "mutation { updateProduct(input: {productId: \"" + mug + "\","
                    + " expectedVersion: " + (version - 1) + ", name: \"" + name + "\"}) { version product { version name } } }")
                    .path("updateProduct");
            assertThat(updated.path("version").asInt()).isEqualTo(version);
            assertThat(updated.path("product").path("version").asInt()).as("%s", updated).isEqualTo(version);
            assertThat(updated.path("product").path("name").asText()).isEqualTo(name);
        }
    }

    @Test
    void a_subscriber_signed_in_once_at_the_gateway_receives_its_orders_status_changes() throws Exception {
        String mug = createProduct("GW-SUB", 800, 5);
        UUID customer = UUID.randomUUID();
        String order = data(TestTokens.customer(customer), "mutation { createOrder(input: {" + ADDRESS
                + ", lines: [{productId: \"" + mug + "\", quantity: 1}]}) { id } }").path("createOrder").path("id").asText();

        try (GraphQLSubscriber client = GraphQLSubscriber.to(gateway.graphql(), TestTokens.customer(customer))) {
            GraphQLResults changes = client.subscribe(
                    "subscription { orderStatusChanged(orderId: \"" + order + "\", afterVersion: 0) { version status } }");
            assertThat(changes.next(WAIT).path("data").path("orderStatusChanged").path("status").asText()).isEqualTo("PENDING");

            data(TestTokens.admin(), "mutation { updateOrderStatus(input: {orderId: \"" + order + "\", status: PAID}) { version } }");

            JsonNode paid = changes.next(WAIT).path("data").path("orderStatusChanged");
            assertThat(paid.path("status").asText()).as("%s", paid).isEqualTo("PAID");
            assertThat(paid.path("version").asInt()).isEqualTo(2);
        }
        try (GraphQLSubscriber stranger = GraphQLSubscriber.to(gateway.graphql(), TestTokens.customer(UUID.randomUUID()))) {
            // With afterVersion the query-app reads the order at once, and so finds whose it is at once.
            JsonNode refused = stranger.subscribe(
                    "subscription { orderStatusChanged(orderId: \"" + order + "\", afterVersion: 0) { status } }").next(WAIT);
            assertThat(refused).isNotNull();
            assertThat(refused.path("errors").path(0).path("extensions").path("code").asText()).as("%s", refused)
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void error_codes_pass_through_the_gateway_as_each_app_gave_them() {
        String mug = createProduct("GW-ERR", 300, 1);
        UUID customer = UUID.randomUUID();
        Map<String, String> requests = Map.of(
                "NOT_FOUND", "{ product(id: \"" + UUID.randomUUID() + "\") { name } }",
                "INSUFFICIENT_STOCK", "mutation { adjustStock(input: {productId: \"" + mug + "\", delta: -5, reason: \"x\"}) { version } }",
                "VALIDATION_FAILED", "mutation { updateProduct(input: {productId: \"" + mug + "\", price: {amountMinor: -1, currency: \"EUR\"}}) { version } }");
        requests.forEach((code, document) -> {
            assertThat(firstCode(GraphQL.send(endpointFor(document), "application/json",
                    GraphQL.body(document), TestTokens.admin()))).as("direct: %s", document).isEqualTo(code);
            assertThat(firstCode(GraphQL.send(gateway.graphql(), "application/json", GraphQL.body(document), TestTokens.admin())))
                    .as("through the gateway: %s", document).isEqualTo(code);
        });
        assertThat(firstCode(GraphQL.send(gateway.graphql(), "application/json",
                GraphQL.body("mutation { addToCart(input: {productId: \"" + mug + "\", quantity: 1}) { version } }"), null)))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(firstCode(GraphQL.send(gateway.graphql(), "application/json",
                GraphQL.body("mutation { addToCart(input: {customerId: \"" + UUID.randomUUID() + "\", productId: \"" + mug
                        + "\", quantity: 1}) { version } }"), TestTokens.customer(customer))))
                .isEqualTo("FORBIDDEN");
        // Refused by the gateway itself, before any subgraph sees them: the same documented code.
        for (String malformed : new String[] {"{ product(id: \"" + mug + "\") { noSuchField } }", "{ product(id: "}) {
            assertThat(firstCode(GraphQL.send(gateway.graphql(), "application/json", GraphQL.body(malformed), null)))
                    .as(malformed).isEqualTo("VALIDATION_FAILED");
        }
    }

    /** Reads go to the query-app, mutations to the command-app, when asked directly. */
    private static URI endpointFor(String document) {
        return document.startsWith("mutation") ? shop.commandApp.graphql() : shop.queryApp.graphql();
    }

    private static String createProduct(String sku, long price, int stock) {
        return data(TestTokens.admin(), "mutation { createProduct(input: {sku: \"" + sku + "\", name: \"Mug " + sku
                + "\", description: \"\", price: {amountMinor: " + price + ", currency: \"EUR\"}, category: \"kitchen\","
                + " stockQuantity: " + stock + "}) { id } }").path("createProduct").path("id").asText();
    }

    /** Sends a document to the gateway with the token; any error fails the test. */
    private static JsonNode data(String token, String document) {
        HttpResponse<String> response = GraphQL.send(gateway.graphql(), "application/json", GraphQL.body(document), token);
        JsonNode answer = read(response.body());
        assertThat(answer.path("errors").isMissingNode()).as("errors in %s", answer).isTrue();
        return answer.path("data");
    }

    private static String firstCode(HttpResponse<String> response) {
        return read(response.body()).path("errors").path(0).path("extensions").path("code").asText();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
