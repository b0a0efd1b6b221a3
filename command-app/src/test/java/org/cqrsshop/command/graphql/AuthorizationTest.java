package org.cqrsshop.command.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.testing.Shop.createProduct;
import static org.cqrsshop.command.testing.Shop.data;
import static org.cqrsshop.command.testing.Shop.errorCode;
import static org.cqrsshop.command.testing.Shop.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.command.testing.Shop;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestPostgres;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Who may change what, with tokens signed as an identity provider would sign them: customers act on
 * their own cart and orders, admins on products and every order, and a refused command writes
 * nothing.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class AuthorizationTest {

    TestPostgres postgres;

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final String asAlice = TestTokens.customer(alice);
    private final String asBob = TestTokens.customer(bob);

    @Test
    void a_customer_shops_for_themself_without_naming_themself_and_the_events_say_who() throws Exception {
        String mug = createProduct(10, 1299);

        data(post(addToCart(null, mug), asAlice).join());
        JsonNode order = data(post(orderFromCart(null), asAlice).join()).path("createOrder");

        assertThat(actorsOf(cartOf(alice))).containsOnly("customer:" + alice);
        assertThat(actorsOf(UUID.fromString(order.path("id").asText()))).containsOnly("customer:" + alice);
    }

    @Test
    void a_customer_naming_another_customer_is_forbidden_and_nothing_is_written() throws Exception {
        String mug = createProduct(10, 1299);
        long before = eventCount();

        assertThat(errorCode(post(addToCart(alice, mug), asBob).join())).isEqualTo("FORBIDDEN");
        assertThat(errorCode(post(Shop.orderLines(alice.toString(), mug, 1), asBob).join())).isEqualTo("FORBIDDEN");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void only_the_customer_who_placed_an_order_may_cancel_it_or_move_it() throws Exception {
        String orderId = orderOfAlice(createProduct(10, 1299));
        long before = eventCount();

        assertThat(errorCode(post(cancel(orderId), asBob).join())).isEqualTo("FORBIDDEN");
        assertThat(errorCode(post("mutation { changeShippingAddress(input: {orderId: \"" + orderId
                + "\", shippingAddress: " + Shop.ADDRESS + "}) { version } }", asBob).join())).isEqualTo("FORBIDDEN");
        assertThat(eventCount()).as("refusals write nothing").isEqualTo(before);

        assertThat(data(post(cancel(orderId), asAlice).join()).path("cancelOrder").path("version").asInt()).isEqualTo(2);
    }

    @Test
    void products_and_order_statuses_are_for_admins() throws Exception {
        String mug = createProduct(10, 1299);
        String orderId = orderOfAlice(mug);
        long before = eventCount();

        List<String> adminOnly = List.of(
                "mutation { createProduct(input: {sku: \"SKU-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\", name: \"Lamp\", description: \"\", price: {amountMinor: 100, currency: \"EUR\"},"
                        + " category: \"home\", stockQuantity: 1}) { id } }",
                "mutation { adjustStock(input: {productId: \"" + mug + "\", delta: 5, reason: \"found\"}) { version } }",
                "mutation { deleteProduct(input: {productId: \"" + mug + "\"}) { version } }",
                "mutation { updateOrderStatus(input: {orderId: \"" + orderId + "\", status: PAID}) { version } }",
                "mutation { shipOrder(input: {orderId: \"" + orderId + "\", trackingNumber: \"T1\"}) { version } }");
        for (String mutation : adminOnly) {
            assertThat(errorCode(post(mutation, asAlice).join())).as(mutation).isEqualTo("FORBIDDEN");
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(data(post(adminOnly.get(3)).join()).path("updateOrderStatus").path("version").asInt()).isEqualTo(2);
        assertThat(actorsOf(UUID.fromString(orderId))).containsExactly("customer:" + alice, "admin:test-admin");
    }

    @Test
    void an_admin_acts_for_a_customer_only_by_naming_them() {
        String mug = createProduct(10, 1299);

        assertThat(errorCode(post(addToCart(null, mug)).join())).isEqualTo("VALIDATION_FAILED");
        assertThat(data(post(addToCart(alice, mug)).join()).path("addToCart").path("version").asInt()).isEqualTo(1);
    }

    @Test
    void without_a_token_nothing_changes() throws Exception {
        String mug = createProduct(10, 1299);
        long before = eventCount();

        assertThat(errorCode(post(addToCart(alice, mug), null).join())).isEqualTo("UNAUTHENTICATED");
        assertThat(errorCode(post("mutation { adjustStock(input: {productId: \"" + mug + "\", delta: 5, reason: \"x\"})"
                + " { version } }", null).join())).isEqualTo("UNAUTHENTICATED");
        assertThat(errorCode(post("{ streamVersion(id: \"" + mug + "\") }", null).join())).isEqualTo("UNAUTHENTICATED");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_token_that_fails_verification_is_refused_with_401_before_anything_runs() throws Exception {
        String mug = createProduct(10, 1299);
        long before = eventCount();

        for (String token : List.of(TestTokens.forged(alice), TestTokens.expired(alice),
                TestTokens.fromAnotherIssuer(alice), "not-a-jwt")) {
            HttpResponse<String> refused = Shop.send(addToCart(alice, mug), token).join();
            assertThat(refused.statusCode()).as(token).isEqualTo(401);
            assertThat(refused.body()).as(token).contains("\"code\":\"UNAUTHENTICATED\"").doesNotContain("Exception");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void an_idempotency_key_replays_only_for_the_caller_who_used_it() {
        String mug = createProduct(10, 1299);
        String key = UUID.randomUUID().toString();
        String withKey = "mutation { addToCart(input: {productId: \"" + mug + "\", quantity: 1, idempotencyKey: \"" + key
                + "\"}) { id version } }";

        JsonNode first = data(post(withKey, asAlice).join());
        assertThat(data(post(withKey, asAlice).join())).isEqualTo(first);
        assertThat(errorCode(post(withKey, asBob).join())).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    private String orderOfAlice(String productId) {
        return data(post(Shop.orderLines(alice.toString(), productId, 1), asAlice).join()).path("createOrder").path("id").asText();
    }

    private static String addToCart(UUID customer, String productId) {
        String named = customer == null ? "" : "customerId: \"" + customer + "\", ";
        return "mutation { addToCart(input: {" + named + "productId: \"" + productId + "\", quantity: 1}) { id version } }";
    }

    private static String orderFromCart(UUID customer) {
        String named = customer == null ? "" : "customerId: \"" + customer + "\", ";
        return "mutation { createOrder(input: {" + named + "fromCart: true, shippingAddress: " + Shop.ADDRESS + "}) { id } }";
    }

    private static String cancel(String orderId) {
        return "mutation { cancelOrder(input: {orderId: \"" + orderId + "\", reason: \"changed my mind\"}) { version } }";
    }

    private static UUID cartOf(UUID customer) {
        return CartId.forCustomer(new CustomerId(customer)).value();
    }

    private List<String> actorsOf(UUID streamId) throws Exception {
        try (Connection connection = postgres.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT actor FROM events WHERE stream_id = ? ORDER BY stream_version")) {
            query.setObject(1, streamId);
            List<String> actors = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    actors.add(rows.getString(1));
                }
            }
            return actors;
        }
    }

    private long eventCount() throws Exception {
        try (Connection connection = postgres.connect();
                ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM events")) {
            count.next();
            return count.getLong(1);
        }
    }
}
