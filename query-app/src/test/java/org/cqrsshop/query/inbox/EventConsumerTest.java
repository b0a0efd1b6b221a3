package org.cqrsshop.query.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cqrsshop.query.product.ProductEvents.created;
import static org.cqrsshop.query.product.ProductEvents.deleted;
import static org.cqrsshop.query.product.ProductEvents.renamed;

import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.feed.FakeEventFeed;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestRabbit;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Events through the real RabbitMQ into MongoDB, as a misbehaving broker might deliver them. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
@WithTestResource(FakeEventFeedResource.class)
class EventConsumerTest {

    private static final Duration WAIT = Patience.SERVICE;

    @Inject
    ProductViewRepository views;

    @Inject
    MeterRegistry metrics;

    TestRabbit rabbit;
    FakeEventFeed store;

    @Test
    void published_events_build_the_view() {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        commitAndPublish(renamed(mug, 2, "Cup"));

        ProductView view = awaitVersion(mug, 2);
        assertThat(view.name).isEqualTo("Cup");
        assertThat(view.priceAmountMinor).isEqualTo(1499);
    }

    @Test
    void a_redelivered_event_leaves_the_view_unchanged_even_if_its_payload_differs() {
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));
        awaitVersion(mug, 1);
        double duplicatesBefore = count("duplicate");

        publish(created(mug, "Forged"));
        await().atMost(WAIT).until(() -> count("duplicate") > duplicatesBefore);

        ProductView view = view(mug);
        assertThat(view.name).isEqualTo("Mug");
        assertThat(view.version).isEqualTo(1);
    }

    @Test
    void an_event_that_overtakes_earlier_ones_has_them_read_from_the_store_and_nothing_is_skipped() {
        ProductId mug = ProductId.random();
        EventEnvelope v1 = created(mug, "Mug");
        EventEnvelope v2 = renamed(mug, 2, "Cup");
        EventEnvelope v3 = deleted(mug, 3);
        store.commit(v1, v2, v3);
        double repairsBefore = count("repaired");

        publish(v3);

        ProductView view = awaitVersion(mug, 3);
        assertThat(view.name).as("version 2, never delivered, was applied").isEqualTo("Cup");
        assertThat(view.deleted).isTrue();
        // The outcome is counted just after the view is written; the view alone does not say it was.
        await().atMost(WAIT).until(() -> count("repaired") == repairsBefore + 1);

        double duplicatesBefore = count("duplicate");
        publish(v2);
        publish(v1);
        await().atMost(WAIT).until(() -> count("duplicate") == duplicatesBefore + 2);
        assertThat(view(mug).version).isEqualTo(3);
    }

    @Test
    void a_message_that_is_not_an_event_is_dead_lettered_with_its_reason_and_does_not_block_others() {
        byte[] garbage = "{\"eventType\":\"NoSuchEvent\"}".getBytes(StandardCharsets.UTF_8);
        rabbit.publish("product.NoSuchEvent", garbage);
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));

        awaitVersion(mug, 1);
        GetResponse deadLettered = awaitDeadLetter();
        assertThat(deadLettered.getBody()).isEqualTo(garbage);
        assertThat(header(deadLettered, DeadLetterQueue.REASON_HEADER)).startsWith("not a valid event");
        assertThat(header(deadLettered, DeadLetterQueue.ROUTING_KEY_HEADER)).isEqualTo("product.NoSuchEvent");
    }

    @Test
    void an_event_that_keeps_failing_is_dead_lettered_after_its_retries_while_other_streams_flow_and_can_be_redriven() {
        ProductId ghost = ProductId.random();
        EventEnvelope ghostV1 = created(ghost, "Ghost");
        EventEnvelope ghostV2 = renamed(ghost, 2, "Spectre");
        // Version 2 is published but the store does not hold version 1: the gap cannot be bridged.
        publish(ghostV2);
        ProductId mug = ProductId.random();
        commitAndPublish(created(mug, "Mug"));

        awaitVersion(mug, 1);
        GetResponse deadLettered = awaitDeadLetter();
        assertThat(EventJson.decodeEnvelope(deadLettered.getBody()).eventId()).isEqualTo(ghostV2.eventId());
        assertThat(header(deadLettered, DeadLetterQueue.REASON_HEADER))
                .contains("does not continue product " + ghost.value() + " from version 0 up to version 2");
        assertThat(deadLettered.getProps().getHeaders().get(DeadLetterQueue.ATTEMPTS_HEADER)).isEqualTo(5);
        assertThat(view(ghost)).isNull();

        // The operator fixes the cause, then re-drives: the event is applied at last.
        store.commit(ghostV1, ghostV2);
        publishToDeadLetterQueue(deadLettered);
        int moved = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("query", "mutation { redriveDeadLetters(limit: 10) }"))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath().getInt("data.redriveDeadLetters");
        assertThat(moved).isEqualTo(1);
        assertThat(awaitVersion(ghost, 2).name).isEqualTo("Spectre");
    }

    private void publishToDeadLetterQueue(GetResponse message) {
        try (var channel = rabbit.channel()) {
            channel.basicPublish("", rabbit.deadLetterQueue(), message.getProps(), message.getBody());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private GetResponse awaitDeadLetter() {
        return await().atMost(WAIT).until(() -> rabbit.takeMessage(rabbit.deadLetterQueue()), message -> message != null);
    }

    private static String header(GetResponse message, String name) {
        return String.valueOf(message.getProps().getHeaders().get(name));
    }

    private void commitAndPublish(EventEnvelope envelope) {
        store.commit(envelope);
        publish(envelope);
    }

    private void publish(EventEnvelope envelope) {
        rabbit.publish(envelope);
    }

    private ProductView awaitVersion(ProductId id, long version) {
        return await().atMost(WAIT).until(() -> view(id), view -> view != null && view.version == version);
    }

    private ProductView view(ProductId id) {
        return views.findById(id.toString()).await().atMost(WAIT);
    }

    private double count(String outcome) {
        return metrics.counter("cqrs.projection.events", "outcome", outcome, "stream_type", "product").count();
    }
}
