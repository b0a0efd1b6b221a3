package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.Test;

/**
 * A customer's whole visit through the GraphQL API of the running apps: products are created, the
 * cart is filled and ordered from, the order is paid, shipped and delivered, and a second order is
 * cancelled. The event store must then tell exactly that story, and the read side must show the
 * stock it leaves.
 */
class ShoppingFlowIT extends SystemTest {

    private static final String ADDRESS = "{recipient: \"Ada Lovelace\", line1: \"12 St James's Square\", "
            + "postalCode: \"SW1Y 4JH\", city: \"London\", country: \"GB\"}";

    @Test
    void a_full_shopping_flow_leaves_exactly_its_story_in_the_event_store() throws Exception {
        String customer = UUID.randomUUID().toString();
        String mug = command("mutation { createProduct(input: {sku: \"FLOW-MUG\", name: \"Espresso mug\", description: \"\","
                + " price: {amountMinor: 1299, currency: \"EUR\"}, category: \"kitchen\", stockQuantity: 10}) { id } }")
                .path("createProduct").path("id").asText();
        String jug = command("mutation { createProduct(input: {sku: \"FLOW-JUG\", name: \"Milk jug\", description: \"\","
                + " price: {amountMinor: 2500, currency: \"EUR\"}, category: \"kitchen\", stockQuantity: 4}) { id } }")
                .path("createProduct").path("id").asText();

        command("mutation { addToCart(input: {customerId: \"" + customer + "\", productId: \"" + mug + "\", quantity: 3}) { version } }");
        command("mutation { addToCart(input: {customerId: \"" + customer + "\", productId: \"" + jug + "\", quantity: 1}) { version } }");
        command("mutation { removeFromCart(input: {customerId: \"" + customer + "\", productId: \"" + mug + "\", quantity: 1}) { version } }");

        JsonNode order = command("mutation { createOrder(input: {customerId: \"" + customer + "\", shippingAddress: " + ADDRESS
                + ", fromCart: true, expectedTotal: {amountMinor: 5098, currency: \"EUR\"}})"
                + " { id orderNumber total { amountMinor currency } } }").path("createOrder");
        String orderId = order.path("id").asText();
        assertThat(order.path("total").path("amountMinor").asLong()).isEqualTo(2 * 1299 + 2500);
        assertThat(order.path("orderNumber").asText()).matches("CS-\\d{4}-\\d{6}");

        command(status(orderId, "PAID", "psp-4711"));
        command("mutation { shipOrder(input: {orderId: \"" + orderId + "\", carrier: \"DHL\", trackingNumber: \"JD0146\"}) { version } }");
        command(status(orderId, "DELIVERED", null));

        String second = command("mutation { createOrder(input: {customerId: \"" + customer + "\", shippingAddress: " + ADDRESS
                + ", lines: [{productId: \"" + mug + "\", quantity: 5}]}) { id } }").path("createOrder").path("id").asText();
        command("mutation { cancelOrder(input: {orderId: \"" + second + "\", reason: \"ordered twice\"}) { version } }");

        JsonNode refused = GraphQL.post(shop.commandApp.graphql(), status(orderId, "PAID", null));
        assertThat(refused.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("INVALID_STATE_TRANSITION");

        assertThat(story(mug)).containsExactly(
                "ProductCreated", "StockReserved qty=2 stock=8", "StockReserved qty=5 stock=3", "StockReleased qty=5 stock=8");
        assertThat(story(jug)).containsExactly("ProductCreated", "StockReserved qty=1 stock=3");
        assertThat(story(cartOf(customer))).containsExactly(
                "CartItemAdded qty=3", "CartItemAdded qty=1", "CartItemRemoved qty=1", "CartCheckedOut");
        assertThat(story(orderId)).containsExactly("OrderPlaced", "OrderPaid", "OrderShipped", "OrderDelivered");
        assertThat(story(second)).containsExactly("OrderPlaced", "OrderCancelled");

        // The read side follows: what the mug has left after one order kept and one cancelled.
        await().atMost(Patience.SERVICE).pollInterval(Duration.ofMillis(100)).until(() ->
                GraphQL.post(shop.queryApp.graphql(), "{ product(id: \"" + mug + "\") { stockQuantity version } }")
                        .path("data").path("product").path("version").asInt() == 4);
        assertThat(GraphQL.post(shop.queryApp.graphql(), "{ product(id: \"" + mug + "\") { stockQuantity } }")
                .path("data").path("product").path("stockQuantity").asInt()).isEqualTo(8);
    }

    private static String status(String orderId, String status, String reason) {
        return "mutation { updateOrderStatus(input: {orderId: \"" + orderId + "\", status: " + status
                + (reason == null ? "" : ", reason: \"" + reason + "\"") + "}) { version } }";
    }

    /** The cart's stream id, as the command-app reports it. */
    private static String cartOf(String customer) {
        return command("mutation { clearCart(input: {customerId: \"" + customer + "\"}) { id } }")
                .path("clearCart").path("id").asText();
    }

    /** A stream's events in order, with the numbers that matter to the story. */
    private static List<String> story(String streamId) throws Exception {
        List<String> story = new ArrayList<>();
        try (Connection connection = shop.postgres.connect(); Statement statement = connection.createStatement();
                ResultSet events = statement.executeQuery("SELECT event_type, payload->>'quantity', payload->>'stockAfter'"
                        + " FROM events WHERE stream_id = '" + streamId + "' ORDER BY stream_version")) {
            while (events.next()) {
                String line = events.getString(1);
                if (events.getString(2) != null) {
                    line += " qty=" + events.getString(2);
                }
                if (events.getString(3) != null) {
                    line += " stock=" + events.getString(3);
                }
                story.add(line);
            }
        }
        return story;
    }
}
