package org.cqrsshop.query.cart.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.cart.CartEvents;
import org.cqrsshop.query.cart.CartProjection;
import org.cqrsshop.query.cart.CartView;
import org.cqrsshop.query.cart.CartViewRepository;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cart reads over HTTP: cart views priced from the product views. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
// The same resources in every test class of this module: one app for all (see FakeEventFeedResource).
@WithTestResource(FakeEventFeedResource.class)
class CartQueriesTest {

    private static final String CART = "{ id customerId version itemCount updatedAt lastOrderId"
            + " lines { productId quantity product { id name price { amountMinor currency } } lineTotal { amountMinor currency } }"
            + " subtotal { amountMinor currency } }";

    private final ProductId mug = ProductId.random();
    private final ProductId spoon = ProductId.random();
    private final ProductId lamp = ProductId.random();
    private final ProductId unknown = ProductId.random();

    @Inject
    CartViewRepository carts;

    @Inject
    ProductViewRepository products;

    // These tests write views straight to MongoDB, past the projections that would invalidate the cache.
    @Inject
    ViewCache cache;

    @BeforeEach
    void emptyReadModel() {
        carts.deleteAll().await().atMost(Patience.SERVICE);
        products.deleteAll().await().atMost(Patience.SERVICE);
        cache.invalidateAll().await().atMost(Patience.SERVICE);
    }

    @Test
    void a_cart_lists_its_lines_at_current_prices_with_a_subtotal_per_currency() {
        storeProduct(mug, "Mug", Money.of(1299, "EUR"));
        storeProduct(spoon, "Spoon", Money.of(450, "EUR"));
        storeProduct(lamp, "Lamp", Money.of(2000, "USD"));
        CustomerId customer = CustomerId.random();
        storeCart(CartEvents.added(customer, 1, mug, 2, 2),
                CartEvents.added(customer, 2, spoon, 1, 1),
                CartEvents.added(customer, 3, lamp, 3, 3),
                CartEvents.added(customer, 4, unknown, 1, 1),
                CartEvents.added(customer, 5, spoon, 2, 3));

        JsonPath response = cart(customer);

        Map<String, Object> expected = new HashMap<>();
        expected.put("id", CartId.forCustomer(customer).toString());
        expected.put("customerId", customer.toString());
        expected.put("version", 5);
        expected.put("itemCount", 9);
        expected.put("updatedAt", "2026-11-24T09:00:05Z");
        expected.put("lastOrderId", null);
        expected.put("lines", List.of(
                line(mug, 2, product(mug, "Mug", 1299, "EUR"), money(2598, "EUR")),
                line(spoon, 3, product(spoon, "Spoon", 450, "EUR"), money(1350, "EUR")),
                line(lamp, 3, product(lamp, "Lamp", 2000, "USD"), money(6000, "USD")),
                line(unknown, 1, null, null)));
        expected.put("subtotal", List.of(money(3948, "EUR"), money(6000, "USD")));
        assertThat(response.getMap("data.cart")).isEqualTo(expected);
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void a_price_change_shows_in_the_cart_at_once() {
        storeProduct(mug, "Mug", Money.of(1299, "EUR"));
        CustomerId customer = CustomerId.random();
        storeCart(CartEvents.added(customer, 1, mug, 2, 2));
        persist(Projections.fold(ProductProjection.INSTANCE, List.of(
                ProductEvents.created(mug, "Mug"), ProductEvents.renamed(mug, 2, "Mug"))));

        JsonPath response = cart(customer);

        assertThat(response.getMap("data.cart.lines[0].lineTotal")).isEqualTo(money(2998, "EUR"));
        assertThat(response.getList("data.cart.subtotal")).isEqualTo(List.of(money(2998, "EUR")));
    }

    @Test
    void removed_lines_leave_the_cart_and_a_checkout_empties_it_and_names_the_order() {
        storeProduct(mug, "Mug", Money.of(1299, "EUR"));
        storeProduct(spoon, "Spoon", Money.of(450, "EUR"));
        CustomerId customer = CustomerId.random();
        OrderId order = OrderId.random();
        storeCart(CartEvents.added(customer, 1, mug, 2, 2), CartEvents.added(customer, 2, spoon, 1, 1),
                CartEvents.removed(customer, 3, mug, 2, 0));
        assertThat(cart(customer).getList("data.cart.lines.productId")).containsExactly(spoon.toString());

        storeCart(CartEvents.added(customer, 1, mug, 2, 2), CartEvents.added(customer, 2, spoon, 1, 1),
                CartEvents.removed(customer, 3, mug, 2, 0), CartEvents.checkedOut(customer, 4, order));
        JsonPath checkedOut = cart(customer);

        assertThat(checkedOut.getMap("data.cart")).containsEntry("version", 4).containsEntry("itemCount", 0)
                .containsEntry("lastOrderId", order.toString()).containsEntry("lines", List.of())
                .containsEntry("subtotal", List.of());
    }

    @Test
    void a_customer_who_never_used_the_cart_has_an_empty_one_at_version_0() {
        CustomerId customer = CustomerId.random();

        JsonPath response = cart(customer);

        Map<String, Object> expected = new HashMap<>();
        expected.put("id", CartId.forCustomer(customer).toString());
        expected.put("customerId", customer.toString());
        expected.put("version", 0);
        expected.put("itemCount", 0);
        expected.put("updatedAt", null);
        expected.put("lastOrderId", null);
        expected.put("lines", List.of());
        expected.put("subtotal", List.of());
        assertThat(response.getMap("data.cart")).isEqualTo(expected);
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void a_malformed_customer_id_is_invalid() {
        JsonPath response = query("{ cart(customerId: \"alice\") { id } }");

        assertThat(code(response)).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo("customerId");
        assertThat(response.getString("errors[0].extensions.violations[0].message")).isEqualTo("must be a UUID");
    }

    @Test
    void a_cart_behind_the_asked_version_is_lagging_with_both_versions() {
        CustomerId customer = CustomerId.random();
        storeCart(CartEvents.added(customer, 1, mug, 1, 1));

        JsonPath response = query("{ cart(customerId: \"" + customer + "\", minVersion: 2) { version } }");

        assertThat(code(response)).isEqualTo("READ_MODEL_LAGGING");
        assertThat(response.getInt("errors[0].extensions.requestedVersion")).isEqualTo(2);
        assertThat(response.getInt("errors[0].extensions.currentVersion")).isEqualTo(1);
    }

    @Test
    void a_cart_never_used_is_lagging_at_version_0_when_a_version_is_asked_for() {
        JsonPath response = query("{ cart(customerId: \"" + CustomerId.random() + "\", minVersion: 1) { version } }");

        assertThat(code(response)).isEqualTo("READ_MODEL_LAGGING");
        assertThat(response.getInt("errors[0].extensions.currentVersion")).isEqualTo(0);
    }

    @Test
    void a_query_waiting_for_a_version_returns_the_write_that_lands_meanwhile() throws Exception {
        storeProduct(mug, "Mug", Money.of(1299, "EUR"));
        CustomerId customer = CustomerId.random();
        List<EventEnvelope> stream = List.of(CartEvents.added(customer, 1, mug, 1, 1), CartEvents.added(customer, 2, mug, 2, 3));
        storeCart(stream.get(0));
        CompletableFuture<Void> lateWrite = persistLater(Projections.fold(CartProjection.INSTANCE, stream));

        JsonPath response = query("{ cart(customerId: \"" + customer + "\", minVersion: 2) { version itemCount"
                + " subtotal { amountMinor currency } } }");

        lateWrite.get(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.getMap("data.cart"))
                .isEqualTo(Map.of("version", 2, "itemCount", 3, "subtotal", List.of(money(3897, "EUR"))));
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void a_negative_min_version_is_invalid() {
        assertThat(code(query("{ cart(customerId: \"" + CustomerId.random() + "\", minVersion: -1) { version } }")))
                .isEqualTo("VALIDATION_FAILED");
    }

    private void storeProduct(ProductId id, String name, Money price) {
        ProductCreated created = new ProductCreated(id, "SKU-" + name.toUpperCase(), name, "desc", price, "home", 10);
        persist(Projections.fold(ProductProjection.INSTANCE, List.of(ProductEvents.envelope(1, created))));
    }

    private void persist(ProductView view) {
        products.persistOrUpdate(view).await().atMost(Patience.SERVICE);
        cache.invalidate(EventTypes.PRODUCT_STREAM, view.id).await().atMost(Patience.SERVICE);
    }

    private void storeCart(EventEnvelope... stream) {
        CartView view = Projections.fold(CartProjection.INSTANCE, List.of(stream));
        carts.persistOrUpdate(view).await().atMost(Patience.SERVICE);
        cache.invalidate(EventTypes.CART_STREAM, view.id).await().atMost(Patience.SERVICE);
    }

    private CompletableFuture<Void> persistLater(CartView view) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))
                .chain(() -> carts.persistOrUpdate(view))
                .call(() -> cache.invalidate(EventTypes.CART_STREAM, view.id))
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    private static Map<String, Object> line(ProductId id, int quantity, Map<String, Object> product, Map<String, Object> total) {
        Map<String, Object> line = new HashMap<>();
        line.put("productId", id.toString());
        line.put("quantity", quantity);
        line.put("product", product);
        line.put("lineTotal", total);
        return line;
    }

    private static Map<String, Object> product(ProductId id, String name, long amountMinor, String currency) {
        return Map.of("id", id.toString(), "name", name, "price", money(amountMinor, currency));
    }

    private static Map<String, Object> money(long amountMinor, String currency) {
        return Map.of("amountMinor", Math.toIntExact(amountMinor), "currency", currency);
    }

    private static JsonPath cart(CustomerId customer) {
        return query("{ cart(customerId: \"" + customer + "\") " + CART + " }");
    }

    private static String code(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }

    private static JsonPath query(String document) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("query", document))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
