package org.cqrsshop.query.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cqrsshop.query.product.ProductEvents.created;
import static org.cqrsshop.query.product.ProductEvents.renamed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.cart.CartEvents;
import org.cqrsshop.query.feed.FakeEventFeed;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestRabbit;
import org.cqrsshop.testing.TestRedis;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache of hot reads, fed by events through the real RabbitMQ, with the real Redis behind a cuttable link. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
// The same resources in every test class of this module: one app for all (see FakeEventFeedResource).
@WithTestResource(FakeEventFeedResource.class)
class CacheTest {

    private static final Duration WAIT = Patience.SERVICE;
    private static final String PRODUCT = "{ name version price { amountMinor currency } createdAt updatedAt }";

    @Inject
    ProductViewRepository views;

    @Inject
    MeterRegistry metrics;

    TestRedis redis;
    TestRabbit rabbit;
    FakeEventFeed store;

    @AfterEach
    void reconnectRedis() {
        redis.link.restore();
    }

    @Test
    void a_second_read_of_a_product_is_a_hit_with_the_same_data() {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitApplied(mug, 1);
        double hitsBefore = requests("product", "hit");

        Map<String, Object> first = product(mug);
        Map<String, Object> second = product(mug);

        assertThat(second).isEqualTo(first).containsEntry("name", "Mug").containsEntry("version", 1);
        assertThat(requests("product", "hit")).isEqualTo(hitsBefore + 1);
    }

    @Test
    void every_update_is_read_as_soon_as_it_is_applied_while_another_client_keeps_reading() throws Exception {
        ProductId mug = ProductId.random();
        // Unique to this test, so that the list page below holds only this product.
        String name = "Mug " + mug.toString().substring(0, 8);
        commitAndPublish(created(mug, "Mug"));
        awaitApplied(mug, 1);
        AtomicBoolean reading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                JsonPath response = query("{ product(id: \"" + mug + "\") { version } }");
                if (response.getList("errors") != null) {
                    failures.add(response.prettify());
                }
            }
        });
        reader.start();
        try {
            for (int version = 2; version <= 8; version++) {
                commitAndPublish(renamed(mug, version, name + " v" + version));
                awaitApplied(mug, version);

                assertThat(product(mug)).containsEntry("name", name + " v" + version).containsEntry("version", version);
                assertThat(listedNames(name)).containsExactly(name + " v" + version);
            }
        } finally {
            reading.set(false);
            reader.join(WAIT.toMillis());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void a_cached_cart_shows_the_new_price_once_its_product_changed() {
        ProductId mug = ProductId.random();
        CustomerId customer = CustomerId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitApplied(mug, 1);
        EventEnvelope added = CartEvents.added(customer, 1, mug, 2, 2);
        store.commit(added);
        rabbit.publish(added);
        await().atMost(WAIT).until(() -> subtotal(customer).equals(List.of(2598)));
        double hitsBefore = requests("cart", "hit");
        assertThat(subtotal(customer)).containsExactly(2598);
        assertThat(requests("cart", "hit")).isGreaterThan(hitsBefore);

        commitAndPublish(renamed(mug, 2, "Mug"));
        awaitApplied(mug, 2);

        assertThat(subtotal(customer)).containsExactly(2998);
    }

    @Test
    void without_redis_reads_go_to_mongodb_and_once_it_is_back_an_update_missed_meanwhile_is_not_served_stale() {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitApplied(mug, 1);
        product(mug);
        assertThat(product(mug)).containsEntry("name", "Mug");
        double errorsBefore = requests("product", "error");

        redis.link.cut();
        assertThat(product(mug)).containsEntry("name", "Mug").containsEntry("version", 1);
        commitAndPublish(renamed(mug, 2, "Cup"));
        awaitApplied(mug, 2);
        assertThat(product(mug)).containsEntry("name", "Cup").containsEntry("version", 2);
        assertThat(requests("product", "error")).isGreaterThan(errorsBefore);

        redis.link.restore();
        double hitsAfterRestore = requests("product", "hit");
        // The invalidation of version 2 was lost, so version 1 is still in Redis: it must never come back.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(product(mug)).containsEntry("name", "Cup").containsEntry("version", 2);
            assertThat(requests("product", "hit")).isGreaterThan(hitsAfterRestore);
        });
        assertThat(product(mug)).containsEntry("name", "Cup").containsEntry("version", 2);
    }

    private void commitAndPublish(EventEnvelope envelope) {
        store.commit(envelope);
        rabbit.publish(envelope);
    }

    /** Waits until the event went all the way through, cache invalidation included, not just into MongoDB. */
    private void awaitApplied(ProductId id, long version) {
        double processedBefore = processedProductEvents();
        await().atMost(WAIT).until(() -> {
            ProductView view = views.findById(id.toString()).await().atMost(WAIT);
            return view != null && view.version == version && processedProductEvents() > processedBefore;
        });
    }

    private double processedProductEvents() {
        return metrics.find("cqrs.projection.events").tag("stream_type", "product").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double requests(String cache, String result) {
        return metrics.counter("cqrs.cache.requests", "cache", cache, "result", result).count();
    }

    private List<Integer> subtotal(CustomerId customer) {
        JsonPath response = query("{ cart(customerId: \"" + customer + "\") { subtotal { amountMinor } } }");
        assertThat(response.getList("errors")).isNull();
        return response.getList("data.cart.subtotal.amountMinor");
    }

    private Map<String, Object> product(ProductId id) {
        JsonPath response = query("{ product(id: \"" + id + "\") " + PRODUCT + " }");
        assertThat(response.getList("errors")).isNull();
        return response.getMap("data.product");
    }

    private List<String> listedNames(String search) {
        JsonPath response = query("{ products(filter: { search: \"" + search + "\" }) { edges { node { name } } } }");
        assertThat(response.getList("errors")).isNull();
        return response.getList("data.products.edges.node.name");
    }

    private static JsonPath query(String graphql) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("query", graphql))
                .when().post("/graphql")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
