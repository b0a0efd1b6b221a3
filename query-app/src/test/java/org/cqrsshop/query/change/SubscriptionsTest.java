package org.cqrsshop.query.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cqrsshop.query.product.ProductEvents.created;
import static org.cqrsshop.query.product.ProductEvents.renamed;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.cart.CartEvents;
import org.cqrsshop.query.feed.FakeEventFeed;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.order.OrderEvents;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.query.projection.ViewCollections;
import org.cqrsshop.testing.GraphQLResults;
import org.cqrsshop.testing.GraphQLSubscriber;
import org.cqrsshop.testing.GraphQLWebSocket;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestRabbit;
import org.cqrsshop.testing.TestRedis;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions over a real WebSocket, fed by events through the real RabbitMQ and notices through
 * the real Redis channel.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
@WithTestResource(FakeEventFeedResource.class)
class SubscriptionsTest {

    private static final Duration WAIT = Patience.SERVICE;
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final String PRODUCT_FIELDS = "{ id name version }";
    private static final int STUCK_SUBSCRIPTIONS = 20;

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    ChangeLog changeLog;

    @Inject
    ChangeHub hub;

    @Inject
    ViewCollections collections;

    TestRabbit rabbit;
    TestRedis redisLink;
    FakeEventFeed store;
    GraphQLSubscriber client;

    @BeforeEach
    void connect() {
        // The previous test's subscriptions end when its socket closes, which the server learns a moment later.
        await().atMost(WAIT).until(() -> activeSubscriptions() == 0);
        client = GraphQLSubscriber.to(graphql);
    }

    @AfterEach
    void disconnect() throws Exception {
        client.close();
    }

    @Test
    void a_product_subscriber_gets_every_version_in_order_and_a_query_after_it_sees_that_version() throws Exception {
        ProductId mug = ProductId.random();
        var changes = client.subscribe("subscription { productChanged(id: \"" + mug + "\") " + PRODUCT_FIELDS + " }");
        awaitListening();

        commitAndPublish(created(mug, "Mug"));
        commitAndPublish(renamed(mug, 2, "Cup"));
        commitAndPublish(renamed(mug, 3, "Tall cup"));

        List<JsonNode> received = changes.take(3, WAIT);
        assertThat(received).extracting(result -> result.path("data").path("productChanged").path("version").asInt())
                .containsExactly(1, 2, 3);
        assertThat(received.get(2).path("data").path("productChanged").path("name").asText()).isEqualTo("Tall cup");
        assertThat(query("{ product(id: \"" + mug + "\") { version } }").path("data").path("product").path("version")
                .asInt()).isEqualTo(3);
        assertThat(changes.next(QUIET)).as("nothing twice").isNull();
    }

    @Test
    void a_subscriber_resuming_after_a_version_gets_the_missed_ones_from_the_store_then_live_ones() throws Exception {
        ProductId mug = ProductId.random();
        for (EventEnvelope event : List.of(created(mug, "Mug"), renamed(mug, 2, "Cup"), renamed(mug, 3, "Tall cup"))) {
            commitAndPublish(event);
        }
        awaitProductVersion(mug, 3);

        var changes = client.subscribe(
                "subscription { productChanged(id: \"" + mug + "\", afterVersion: 1) " + PRODUCT_FIELDS + " }");
        List<JsonNode> missed = changes.take(2, WAIT);
        assertThat(missed).extracting(result -> result.path("data").path("productChanged").path("name").asText())
                .containsExactly("Cup", "Tall cup");

        commitAndPublish(renamed(mug, 4, "Mini cup"));
        assertThat(changes.take(1, WAIT).get(0).path("data").path("productChanged").path("version").asInt()).isEqualTo(4);
        assertThat(changes.next(QUIET)).isNull();
    }

    @Test
    void versions_a_repaired_gap_skipped_are_delivered_from_the_store_in_between() throws Exception {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitProductVersion(mug, 1);
        var changes = client.subscribe("subscription { productChanged(id: \"" + mug + "\") " + PRODUCT_FIELDS + " }");
        awaitListening();

        // Version 2 never comes through the broker: the projector reads it from the store with version 3.
        store.commit(renamed(mug, 2, "Cup"));
        commitAndPublish(renamed(mug, 3, "Tall cup"));

        assertThat(changes.take(2, WAIT)).extracting(result -> result.path("data").path("productChanged").path("name").asText())
                .containsExactly("Cup", "Tall cup");
        assertThat(changes.next(QUIET)).isNull();
    }

    @Test
    void a_notice_another_replica_published_reaches_this_replica_s_subscribers() throws Exception {
        ProductId mug = ProductId.random();
        var changes = client.subscribe("subscription { productChanged " + PRODUCT_FIELDS + " }");
        awaitListening();

        EventEnvelope createdElsewhere = created(mug, "Made elsewhere");
        ProductView view = Projections.fold(ProductProjection.INSTANCE, List.of(createdElsewhere));
        ViewChange notice = new ViewChange("product", mug.toString(), 1, 0, 0, createdElsewhere.globalPosition(),
                EventJson.mapper().valueToTree(view), null);
        changeLog.append(notice).await().atMost(WAIT);

        JsonNode received = changes.take(1, WAIT).get(0).path("data").path("productChanged");
        assertThat(received.path("id").asText()).isEqualTo(mug.toString());
        assertThat(received.path("name").asText()).isEqualTo("Made elsewhere");
    }

    @Test
    void a_subscriber_to_every_product_gets_in_order_the_changes_whose_notices_arrive_after_later_ones() throws Exception {
        ProductId mug = ProductId.random();
        EventEnvelope creation = created(mug, "Mug");
        commitAndPublish(creation);
        awaitProductVersion(mug, 1);
        var everyProduct = client.subscribe("subscription { productChanged " + PRODUCT_FIELDS + " }");
        awaitListening();

        // Two changes after the subscription began, whose notices reach the log in the wrong order, as
        // when one replica repays notices Redis refused it while another's went through.
        long heard = hub.positionHeard();
        EventEnvelope cup = atPosition(renamed(mug, 2, "Cup"), heard + 1);
        EventEnvelope tallCup = atPosition(renamed(mug, 3, "Tall cup"), heard + 2);
        store.commit(cup, tallCup);
        changeLog.append(notice(List.of(creation, cup, tallCup))).await().atMost(WAIT);
        changeLog.append(notice(List.of(creation, cup))).await().atMost(WAIT);

        assertThat(everyProduct.take(2, WAIT))
                .extracting(result -> result.path("data").path("productChanged").path("name").asText())
                .containsExactly("Cup", "Tall cup");
        assertThat(everyProduct.next(QUIET)).as("the late notice is not delivered twice").isNull();
    }

    /** The notice of the write of the stream's last event. */
    private static ViewChange notice(List<EventEnvelope> stream) {
        EventEnvelope last = stream.get(stream.size() - 1);
        ProductView view = Projections.fold(ProductProjection.INSTANCE, stream);
        return new ViewChange("product", last.streamId().toString(), last.streamVersion(), last.streamVersion() - 1,
                stream.get(stream.size() - 2).globalPosition(), last.globalPosition(), EventJson.mapper().valueToTree(view),
                null);
    }

    private static EventEnvelope atPosition(EventEnvelope event, long position) {
        return new EventEnvelope(event.eventId(), event.streamId(), event.streamType(), event.streamVersion(), position,
                event.occurredAt(), event.correlationId(), event.causationId(), event.actor(), event.event());
    }

    @Test
    void a_customer_s_order_subscription_hears_each_status_of_each_new_order_but_no_other_change() throws Exception {
        CustomerId customer = CustomerId.random();
        OrderId order = OrderId.random();
        var changes = client.subscribe("subscription { orderStatusChanged(customerId: \"" + customer + "\")"
                + " { orderId version status previousStatus order { status total { amountMinor currency } } } }");
        awaitListening();

        Money price = Money.of(1200, "EUR");
        commitAndPublish(OrderEvents.placed(order, "CS-2026-000001", customer, OrderEvents.T0,
                OrderEvents.line(ProductId.random(), "SKU-1", "Mug", 2, price)));
        commitAndPublish(OrderEvents.addressChanged(order, 2, OrderEvents.T0.plusSeconds(60), OrderEvents.HOME));
        commitAndPublish(OrderEvents.paid(order, 3, OrderEvents.T0.plusSeconds(120), Money.of(2400, "EUR"), "psp-1"));
        // Someone else's order is not this subscriber's business.
        commitAndPublish(OrderEvents.placed(OrderId.random(), "CS-2026-000002", CustomerId.random(),
                OrderEvents.T0, OrderEvents.line(ProductId.random(), "SKU-2", "Jug", 1, price)));

        List<JsonNode> received = changes.take(2, WAIT);
        JsonNode placed = received.get(0).path("data").path("orderStatusChanged");
        assertThat(placed.path("status").asText()).isEqualTo("PENDING");
        assertThat(placed.path("previousStatus").isNull()).isTrue();
        assertThat(placed.path("order").path("total").path("amountMinor").asLong()).isEqualTo(2400);
        JsonNode paid = received.get(1).path("data").path("orderStatusChanged");
        assertThat(paid.path("status").asText()).isEqualTo("PAID");
        assertThat(paid.path("previousStatus").asText()).isEqualTo("PENDING");
        assertThat(paid.path("version").asInt()).as("the address change is not a status change").isEqualTo(3);
        assertThat(changes.next(QUIET)).isNull();
    }

    @Test
    void a_cart_subscriber_gets_the_cart_priced_like_the_cart_query() throws Exception {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitProductVersion(mug, 1);
        CustomerId customer = CustomerId.random();
        var changes = client.subscribe("subscription { cartChanged(customerId: \"" + customer + "\")"
                + " { version itemCount subtotal { amountMinor currency } } }");
        awaitListening();

        commitAndPublish(CartEvents.added(customer, 1, mug, 2, 2));
        commitAndPublish(CartEvents.added(customer, 2, mug, 1, 3));

        List<JsonNode> received = changes.take(2, WAIT);
        JsonNode second = received.get(1).path("data").path("cartChanged");
        assertThat(second.path("version").asInt()).isEqualTo(2);
        assertThat(second.path("itemCount").asInt()).isEqualTo(3);
        assertThat(second.path("subtotal").path(0).path("amountMinor").asLong()).isEqualTo(3 * 1299);
    }

    @Test
    void arguments_that_cannot_be_served_are_refused_with_validation_failed() throws Exception {
        var noId = client.subscribe("subscription { productChanged(afterVersion: 3) { id } }");
        var bothIds = client.subscribe("subscription { orderStatusChanged(orderId: \"" + UUID.randomUUID()
                + "\", customerId: \"" + UUID.randomUUID() + "\") { orderId } }");
        var notAnId = client.subscribe("subscription { cartChanged(customerId: \"42\") { version } }");

        for (var refused : List.of(noId, bothIds, notAnId)) {
            JsonNode result = refused.take(1, WAIT).get(0);
            assertThat(result.path("errors").path(0).path("extensions").path("code").asText()).as("%s", result)
                    .isEqualTo("VALIDATION_FAILED");
            refused.completed().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void changes_made_while_redis_was_away_reach_the_subscriber_once_it_answers_with_no_further_change() throws Exception {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitProductVersion(mug, 1);
        var changes = client.subscribe("subscription { productChanged(id: \"" + mug + "\") " + PRODUCT_FIELDS + " }");
        var everyProduct = client.subscribe("subscription { productChanged " + PRODUCT_FIELDS + " }");
        awaitListening(2);

        redisLink.link.cut();
        try {
            await().atMost(WAIT).until(() -> metric("cqrs_subscriptions_listening") == 0);
            commitAndPublish(renamed(mug, 2, "Cup"));
            commitAndPublish(renamed(mug, 3, "Tall cup"));
            awaitProductVersion(mug, 3);
            // Neither notice reached Redis: this replica keeps them until it answers.
            await().atMost(WAIT).until(() -> metric("cqrs_subscriptions_notices_owed") == 1);
        } finally {
            redisLink.link.restore();
        }

        for (var subscription : List.of(changes, everyProduct)) {
            assertThat(subscription.take(2, WAIT))
                    .extracting(result -> result.path("data").path("productChanged").path("name").asText())
                    .containsExactly("Cup", "Tall cup");
            assertThat(subscription.next(QUIET)).as("nothing twice").isNull();
        }
    }

    @Test
    void when_redis_loses_the_change_log_a_subscriber_to_one_product_catches_up_and_one_to_all_is_told_to_read_again()
            throws Exception {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitProductVersion(mug, 1);
        var changes = client.subscribe("subscription { productChanged(id: \"" + mug + "\") " + PRODUCT_FIELDS + " }");
        var everyProduct = client.subscribe("subscription { productChanged " + PRODUCT_FIELDS + " }");
        awaitListening(2);

        redisLink.link.cut();
        try {
            await().atMost(WAIT).until(() -> metric("cqrs_subscriptions_listening") == 0);
            commitAndPublish(renamed(mug, 2, "Cup"));
            awaitProductVersion(mug, 2);
            // As a Redis that restarted without its data: the log this replica read is gone.
            redisLink.delete(TestRedis.CHANGE_LOG);
        } finally {
            redisLink.link.restore();
        }

        assertThat(changes.take(1, WAIT).get(0).path("data").path("productChanged").path("name").asText()).isEqualTo("Cup");
        JsonNode interrupted = everyProduct.take(1, WAIT).get(0);
        assertThat(interrupted.path("errors").path(0).path("extensions").path("code").asText()).as("%s", interrupted)
                .isEqualTo("SUBSCRIPTION_INTERRUPTED");
        everyProduct.completed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(changes.next(QUIET)).as("the notice repaid after the catch-up is not delivered twice").isNull();
    }

    @Test
    void a_change_whose_notice_never_comes_reaches_a_subscriber_to_that_product_from_the_view() throws Exception {
        ProductId mug = ProductId.random();
        EventEnvelope creation = created(mug, "Mug");
        commitAndPublish(creation);
        awaitProductVersion(mug, 1);
        var changes = client.subscribe("subscription { productChanged(id: \"" + mug + "\") " + PRODUCT_FIELDS + " }");
        awaitListening();

        // Written as the replica that projected it would have, which then died before it sent the notice.
        EventEnvelope rename = renamed(mug, 2, "Cup");
        store.commit(rename);
        ProductView written = Projections.fold(ProductProjection.INSTANCE, List.of(creation, rename));
        collections.live(ProductProjection.INSTANCE)
                .replaceOne(Filters.and(Filters.eq("_id", mug.toString()), Filters.eq("version", 1L)), written)
                .await().atMost(WAIT);

        JsonNode caughtUp = changes.take(1, WAIT).get(0).path("data").path("productChanged");
        assertThat(caughtUp.path("version").asInt()).isEqualTo(2);
        assertThat(caughtUp.path("name").asText()).isEqualTo("Cup");
        assertThat(query("{ product(id: \"" + mug + "\") { name } }").path("data").path("product").path("name").asText())
                .as("a query after the notification").isEqualTo("Cup");
        assertThat(changes.next(QUIET)).isNull();
    }

    @Test
    void a_client_that_stops_reading_has_its_subscriptions_ended_as_too_slow_and_a_reading_one_gets_every_change()
            throws Exception {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitProductVersion(mug, 1);
        var healthy = client.subscribe("subscription { productChanged(id: \"" + mug + "\") { version } }");
        double endedBefore = metric("cqrs_subscriptions_closed_total", "reason=\"too_slow\"");
        try (GraphQLWebSocket stuck = GraphQLWebSocket.connect(graphql)) {
            List<GraphQLResults> stuckSubscriptions = new ArrayList<>();
            for (int i = 0; i < STUCK_SUBSCRIPTIONS; i++) {
                stuckSubscriptions.add(stuck.subscribe("subscription { productChanged(id: \"" + mug + "\") { id name version } }"));
            }
            awaitListening(1 + STUCK_SUBSCRIPTIONS);
            stuck.stopReading();

            // Large names, so that the stuck client's socket fills long before the cap; the cap only
            // keeps a broken server from looping forever.
            int version = 1;
            String longName = "L".repeat(4_000);
            while (metric("cqrs_subscriptions_active") > 1 && version < 3_000) {
                for (int i = 0; i < 50; i++) {
                    version++;
                    commitAndPublish(renamed(mug, version, longName + version));
                }
                awaitProductVersion(mug, version);
            }

            assertThat(metric("cqrs_subscriptions_closed_total", "reason=\"too_slow\"") - endedBefore)
                    .as("stuck subscriptions ended").isEqualTo(STUCK_SUBSCRIPTIONS);
            assertThat(healthy.take(version - 1, WAIT))
                    .extracting(result -> result.path("data").path("productChanged").path("version").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(2, version).boxed().toList());

            // When it reads again, it learns why each of its subscriptions ended.
            stuck.readAgain();
            for (GraphQLResults ended : stuckSubscriptions) {
                ended.completed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(ended.drain()).last()
                        .satisfies(last -> assertThat(last.path("errors").path(0).path("extensions").path("code").asText())
                                .isEqualTo("SUBSCRIBER_TOO_SLOW"));
            }
        }
    }

    @Test
    void an_idle_connection_is_pinged_so_proxies_keep_it_open() {
        try (GraphQLWebSocket idle = GraphQLWebSocket.connect(graphql)) {
            idle.subscribe("subscription { productChanged { id } }");
            // The server pings every 10 seconds; the deadline allows for a loaded machine.
            await().atMost(WAIT.plusSeconds(10)).until(() -> idle.pingsReceived() > 0);
        }
    }

    private void awaitListening() {
        awaitListening(1);
    }

    private void awaitListening(int subscriptions) {
        await().atMost(WAIT).until(() -> activeSubscriptions() == subscriptions);
    }

    private double activeSubscriptions() {
        return metric("cqrs_subscriptions_active");
    }

    private static double metric(String name) {
        return metric(name, "");
    }

    /** The value of the first series of a metric whose labels include {@code label} ({@code reason="too_slow"}). */
    private static double metric(String name, String label) {
        return RestAssured.get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> line.contains(label))
                .mapToDouble(line -> {
                    // The value follows the name and labels; a timestamp may follow the value.
                    String rest = line.substring(line.startsWith(name + "{") ? line.indexOf('}') + 1 : name.length());
                    return Double.parseDouble(rest.trim().split(" ")[0]);
                })
                .findFirst().orElse(0);
    }

    private void awaitProductVersion(ProductId id, int version) {
        await().atMost(WAIT).until(() -> query("{ product(id: \"" + id + "\") { version } }")
                .path("data").path("product").path("version").asInt() == version);
    }

    private static JsonNode query(String document) {
        String body = RestAssured.given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("query", document))
                .post("/graphql").then().statusCode(200).extract().asString();
        try {
            return EventJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void commitAndPublish(EventEnvelope envelope) {
        store.commit(envelope);
        rabbit.publish(envelope);
    }
}
