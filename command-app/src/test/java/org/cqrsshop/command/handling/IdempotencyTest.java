package org.cqrsshop.command.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.testing.Shop.createProduct;
import static org.cqrsshop.command.testing.Shop.errorCode;
import static org.cqrsshop.command.testing.Shop.post;

import com.fasterxml.jackson.databind.JsonNode;
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

/** A retried request never charges twice. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class IdempotencyTest {

    TestPostgres postgres;

    @Test
    void a_retried_order_with_its_key_returns_the_first_result_and_appends_nothing() throws Exception {
        String mug = createProduct(10, 1299);
        String key = UUID.randomUUID().toString();
        String order = orderWithKey(mug, 2, key);
        long eventsBefore = eventCount();

        JsonNode first = Shop.data(post(order).join()).path("createOrder");
        long eventsAfterFirst = eventCount();
        JsonNode retry = Shop.data(post(order).join()).path("createOrder");

        assertThat(retry).isEqualTo(first);
        assertThat(eventsAfterFirst - eventsBefore).as("the order and its reservation").isEqualTo(2);
        assertThat(eventCount()).as("the retry appends nothing").isEqualTo(eventsAfterFirst);
    }

    @Test
    void the_same_key_with_a_different_request_is_refused() {
        String mug = createProduct(10, 1299);
        String key = UUID.randomUUID().toString();
        Shop.data(post(orderWithKey(mug, 2, key)).join());

        assertThat(errorCode(post(orderWithKey(mug, 3, key)).join())).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(errorCode(post("mutation { adjustStock(input: {productId: \"" + mug + "\", delta: 1, reason: \"x\","
                + " idempotencyKey: \"" + key + "\"}) { version } }").join())).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void concurrent_requests_with_one_key_change_the_stock_once() throws Exception {
        String mug = createProduct(10, 1299);
        String adjust = "mutation { adjustStock(input: {productId: \"" + mug + "\", delta: -3, reason: \"breakage\","
                + " idempotencyKey: \"" + UUID.randomUUID() + "\"}) { id version position } }";

        List<CompletableFuture<JsonNode>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(post(adjust));
        }
        List<JsonNode> responses = requests.stream().map(CompletableFuture::join).map(Shop::data).toList();

        assertThat(responses).allMatch(response -> response.equals(responses.get(0)));
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet adjusted = statement.executeQuery("SELECT count(*) FROM events WHERE stream_id = '" + mug
                        + "' AND event_type = 'ProductStockAdjusted'")) {
            adjusted.next();
            assertThat(adjusted.getInt(1)).isEqualTo(1);
        }
    }

    private static String orderWithKey(String productId, int quantity, String key) {
        return "mutation { createOrder(input: {customerId: \"8a4e2c1b-9d3f-4e6a-b7c5-1f2e3d4c5b6a\", shippingAddress: "
                + Shop.ADDRESS + ", lines: [{productId: \"" + productId + "\", quantity: " + quantity + "}],"
                + " idempotencyKey: \"" + key + "\"}) { id version position orderNumber total { amountMinor currency } } }";
    }

    private long eventCount() throws Exception {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM events")) {
            count.next();
            return count.getLong(1);
        }
    }
}
