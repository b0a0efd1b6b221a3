package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A client that passes the version a mutation returned as {@code minVersion} reads its own write
 * on the very next query, with no sleep or retry of its own: the query-app holds the query until
 * the view has caught up, or answers READ_MODEL_LAGGING with the version it does have.
 */
class ReadYourWritesIT extends SystemTest {

    private static final String ADDRESS = "{recipient: \"Grace Hopper\", line1: \"1 Navy Yard\", postalCode: \"20374\","
            + " city: \"Washington\", country: \"US\"}";

    @Test
    void a_product_read_with_the_version_its_mutation_returned_shows_that_write() {
        JsonNode created = createProduct("RYW-MUG", "Mug", 10);
        String id = created.path("id").asText();
        assertThat(created.path("version").asInt()).isEqualTo(1);

        JsonNode first = product(id, 1).path("data").path("product");
        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(first.path("name").asText()).isEqualTo("Mug");

        int renamed = command("mutation { updateProduct(input: {productId: \"" + id + "\", name: \"Tall mug\"})"
                + " { version } }").path("updateProduct").path("version").asInt();
        assertThat(renamed).isEqualTo(2);
        JsonNode second = product(id, renamed).path("data").path("product");
        assertThat(second.path("version").asInt()).isEqualTo(2);
        assertThat(second.path("name").asText()).isEqualTo("Tall mug");
    }

    @Test
    void an_order_read_with_the_version_its_mutation_returned_shows_that_write() {
        String product = createProduct("RYW-JUG", "Jug", 10).path("id").asText();
        JsonNode placed = command("mutation { createOrder(input: {customerId: \"" + UUID.randomUUID()
                + "\", shippingAddress: " + ADDRESS + ", lines: [{productId: \"" + product + "\", quantity: 2}]})"
                + " { id version } }").path("createOrder");
        String id = placed.path("id").asText();
        assertThat(order(id, placed.path("version").asInt()).path("data").path("order").path("status").asText())
                .isEqualTo("PENDING");

        int paid = command("mutation { updateOrderStatus(input: {orderId: \"" + id + "\", status: PAID,"
                + " reason: \"psp-1\"}) { version } }").path("updateOrderStatus").path("version").asInt();

        JsonNode order = order(id, paid).path("data").path("order");
        assertThat(order.path("version").asInt()).isEqualTo(2);
        assertThat(order.path("status").asText()).isEqualTo("PAID");
        assertThat(order.path("payment").path("reference").asText()).isEqualTo("psp-1");
    }

    @Test
    void a_cart_read_with_the_version_its_mutation_returned_shows_that_write() {
        String product = createProduct("RYW-BOWL", "Bowl", 10).path("id").asText();
        String customer = UUID.randomUUID().toString();
        addToCart(customer, product, 2);
        int added = addToCart(customer, product, 3);
        assertThat(added).isEqualTo(2);

        JsonNode cart = cart(customer, added).path("data").path("cart");
        assertThat(cart.path("version").asInt()).isEqualTo(2);
        assertThat(cart.path("lines")).hasSize(1);
        assertThat(cart.path("lines").path(0).path("productId").asText()).isEqualTo(product);
        assertThat(cart.path("lines").path(0).path("quantity").asInt()).isEqualTo(5);
    }

    @Test
    void a_version_the_read_model_never_reaches_is_answered_with_read_model_lagging_and_the_current_version() {
        JsonNode created = createProduct("RYW-TRAY", "Tray", 10);
        String product = created.path("id").asText();
        product(product, 1);
        String customer = UUID.randomUUID().toString();
        int cartVersion = addToCart(customer, product, 1);
        cart(customer, cartVersion);
        JsonNode placed = command("mutation { createOrder(input: {customerId: \"" + customer + "\", shippingAddress: "
                + ADDRESS + ", fromCart: true}) { id version } }").path("createOrder");
        String order = placed.path("id").asText();
        order(order, 1);
        // The order reserved stock (product v2) and emptied the cart (cart v2): those are the current versions.
        assertThat(product(product, 2).path("data").path("product").path("version").asInt()).isEqualTo(2);
        assertThat(cart(customer, 2).path("data").path("cart").path("version").asInt()).isEqualTo(2);

        // Each of these waits for the query-app's whole timeout, so they wait side by side.
        CompletableFuture<JsonNode> productLagging =
                query("{ product(id: \"" + product + "\", minVersion: 102) { version } }");
        CompletableFuture<JsonNode> orderLagging =
                query("{ order(id: \"" + order + "\", minVersion: 101) { version } }");
        CompletableFuture<JsonNode> cartLagging =
                query("{ cart(customerId: \"" + customer + "\", minVersion: 102) { version } }");

        assertLagging(productLagging.join(), 102, 2);
        assertLagging(orderLagging.join(), 101, 1);
        assertLagging(cartLagging.join(), 102, 2);
    }

    private static void assertLagging(JsonNode response, int requested, int current) {
        JsonNode extensions = response.path("errors").path(0).path("extensions");
        assertThat(extensions.path("code").asText()).as("%s", response).isEqualTo("READ_MODEL_LAGGING");
        assertThat(extensions.path("requestedVersion").asInt()).as("%s", response).isEqualTo(requested);
        assertThat(extensions.path("currentVersion").asInt()).as("%s", response).isEqualTo(current);
    }

    private static JsonNode createProduct(String sku, String name, int stock) {
        return command("mutation { createProduct(input: {sku: \"" + sku + "\", name: \"" + name + "\","
                + " description: \"\", price: {amountMinor: 1500, currency: \"EUR\"}, category: \"kitchen\","
                + " stockQuantity: " + stock + "}) { id version } }").path("createProduct");
    }

    private static int addToCart(String customer, String product, int quantity) {
        return command("mutation { addToCart(input: {customerId: \"" + customer + "\", productId: \"" + product
                + "\", quantity: " + quantity + "}) { version } }").path("addToCart").path("version").asInt();
    }

    /** The first read after the write: any error, lagging included, fails the test. */
    private static JsonNode product(String id, int minVersion) {
        return readFresh("{ product(id: \"" + id + "\", minVersion: " + minVersion + ") { id name version } }");
    }

    private static JsonNode order(String id, int minVersion) {
        return readFresh("{ order(id: \"" + id + "\", minVersion: " + minVersion + ") { id status version"
                + " payment { reference } } }");
    }

    private static JsonNode cart(String customer, int minVersion) {
        return readFresh("{ cart(customerId: \"" + customer + "\", minVersion: " + minVersion + ") { id version"
                + " lines { productId quantity } } }");
    }

    private static JsonNode readFresh(String document) {
        JsonNode response = GraphQL.post(shop.queryApp.graphql(), document);
        assertThat(response.path("errors").isMissingNode()).as("errors in %s", response).isTrue();
        return response;
    }

    private static CompletableFuture<JsonNode> query(String document) {
        return GraphQL.postAsync(shop.queryApp.graphql(), document);
    }
}
