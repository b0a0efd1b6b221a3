package org.cqrsshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.testing.Shop.createProduct;
import static org.cqrsshop.command.testing.Shop.errorCode;
import static org.cqrsshop.command.testing.Shop.orderLines;
import static org.cqrsshop.command.testing.Shop.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cqrsshop.command.testing.Shop;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Orders racing for the same stock, on the real PostgreSQL, through the GraphQL API. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class OrderConcurrencyTest {

    TestPostgres postgres;

    @Test
    void fifty_concurrent_orders_for_the_last_ten_units_sell_exactly_ten_and_never_more() throws Exception {
        String mug = createProduct(10, 1299);

        List<CompletableFuture<JsonNode>> orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orders.add(post(orderLines(UUID.randomUUID().toString(), mug, 1)));
        }
        List<JsonNode> responses = orders.stream().map(CompletableFuture::join).toList();

        List<JsonNode> placed = responses.stream().filter(r -> !r.has("errors")).toList();
        List<String> refusals = responses.stream().filter(r -> r.has("errors")).map(r -> errorCode(r)).toList();
        assertThat(placed).hasSize(10);
        assertThat(refusals).hasSize(40).allMatch(code -> code.equals("INSUFFICIENT_STOCK") || code.equals("CONCURRENCY_CONFLICT"));
        // A conflict is resolved by trying again, which now meets an empty shelf.
        for (int i = 0; i < refusals.size(); i++) {
            if (refusals.get(i).equals("CONCURRENCY_CONFLICT")) {
                assertThat(errorCode(post(orderLines(UUID.randomUUID().toString(), mug, 1)).join())).isEqualTo("INSUFFICIENT_STOCK");
            }
        }
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            ResultSet reservations = statement.executeQuery("SELECT count(*), min((payload->>'stockAfter')::int)"
                    + " FROM events WHERE stream_id = '" + mug + "' AND event_type = 'StockReserved'");
            reservations.next();
            assertThat(reservations.getInt(1)).isEqualTo(10);
            assertThat(reservations.getInt(2)).as("the lowest stock ever recorded").isZero();
            ResultSet orderStreams = statement.executeQuery("SELECT count(DISTINCT stream_id) FROM events"
                    + " WHERE event_type = 'OrderPlaced' AND payload->'lines'->0->>'productId' = '" + mug + "'");
            orderStreams.next();
            assertThat(orderStreams.getInt(1)).as("orders written").isEqualTo(10);
        }
    }

    @Test
    void a_cancelled_order_gives_its_stock_back() throws Exception {
        String mug = createProduct(5, 1299);
        JsonNode placed = Shop.data(post(orderLines(UUID.randomUUID().toString(), mug, 3)).join()).path("createOrder");
        String order = placed.path("id").asText();
        assertThat(placed.path("total").path("amountMinor").asLong()).isEqualTo(3897);
        assertThat(placed.path("orderNumber").asText()).matches("CS-\\d{4}-\\d{6}");

        JsonNode cancelled = Shop.data(post("mutation { cancelOrder(input: {orderId: \"" + order
                + "\", reason: \"changed mind\"}) { version } }").join());

        assertThat(cancelled.path("cancelOrder").path("version").asInt()).isEqualTo(2);
        assertThat(stockOf(mug)).isEqualTo(5);
        assertThat(errorCode(post("mutation { cancelOrder(input: {orderId: \"" + order
                + "\", reason: \"again\"}) { version } }").join())).isEqualTo("INVALID_STATE_TRANSITION");
        assertThat(stockOf(mug)).as("a second cancel gives nothing back twice").isEqualTo(5);
    }

    @Test
    void an_order_that_cannot_be_filled_writes_nothing_to_any_stream() throws Exception {
        String plenty = createProduct(100, 500);
        String scarce = createProduct(1, 700);
        String customer = UUID.randomUUID().toString();

        JsonNode refused = post("mutation { createOrder(input: {customerId: \"" + customer + "\", shippingAddress: "
                + Shop.ADDRESS + ", lines: [{productId: \"" + plenty + "\", quantity: 3}, {productId: \"" + scarce
                + "\", quantity: 2}]}) { id } }").join();

        assertThat(errorCode(refused)).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(refused.path("errors").path(0).path("extensions").path("available").asInt()).isEqualTo(1);
        assertThat(stockOf(plenty)).isEqualTo(100);
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet orders = statement.executeQuery("SELECT count(*) FROM events WHERE event_type = 'OrderPlaced'"
                        + " AND payload->>'customerId' = '" + customer + "'")) {
            orders.next();
            assertThat(orders.getInt(1)).isZero();
        }
    }

    private int stockOf(String productId) throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet last = statement.executeQuery("SELECT event_type, payload FROM events WHERE stream_id = '"
                        + productId + "' ORDER BY stream_version DESC LIMIT 1")) {
            last.next();
            String field = last.getString(1).equals("ProductCreated") ? "initialStock" : "stockAfter";
            return new ObjectMapper().readTree(last.getString(2)).path(field).asInt();
        }
    }
}
