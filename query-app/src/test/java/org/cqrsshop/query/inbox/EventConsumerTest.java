package org.cqrsshop.query.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cqrsshop.query.product.ProductEvents.created;
import static org.cqrsshop.query.product.ProductEvents.deleted;
import static org.cqrsshop.query.product.ProductEvents.renamed;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.TestRabbit;
import org.junit.jupiter.api.Test;

/** Events through the real RabbitMQ into MongoDB, as a misbehaving broker might deliver them. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb"))
class EventConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ProductViewRepository views;

    @Inject
    MeterRegistry metrics;

    TestRabbit rabbit;

    @Test
    void published_events_build_the_view() {
        ProductId mug = ProductId.random();
        publish(created(mug, "Mug"));
        publish(renamed(mug, 2, "Cup"));

        ProductView view = awaitVersion(mug, 2);
        assertThat(view.name).isEqualTo("Cup");
        assertThat(view.priceAmountMinor).isEqualTo(1499);
    }

    @Test
    void a_redelivered_event_leaves_the_view_unchanged_even_if_its_payload_differs() {
        ProductId mug = ProductId.random();
        publish(created(mug, "Mug"));
        awaitVersion(mug, 1);
        double duplicatesBefore = count("duplicate");

        publish(created(mug, "Forged"));
        await().atMost(WAIT).until(() -> count("duplicate") > duplicatesBefore);

        ProductView view = view(mug);
        assertThat(view.name).isEqualTo("Mug");
        assertThat(view.version).isEqualTo(1);
    }

    @Test
    void an_event_that_overtakes_an_earlier_one_waits_for_it_and_nothing_is_skipped() {
        ProductId mug = ProductId.random();
        publish(created(mug, "Mug"));
        awaitVersion(mug, 1);
        double gapsBefore = count("gap");

        publish(deleted(mug, 3));
        await().atMost(WAIT).until(() -> count("gap") > gapsBefore);
        assertThat(view(mug).version).as("version 3 is not applied over a missing version 2").isEqualTo(1);

        publish(renamed(mug, 2, "Cup"));
        ProductView view = awaitVersion(mug, 3);
        assertThat(view.name).isEqualTo("Cup");
        assertThat(view.deleted).isTrue();
    }

    @Test
    void a_message_that_is_not_an_event_goes_to_the_dead_letter_queue_and_does_not_block_others() {
        byte[] garbage = "{\"eventType\":\"NoSuchEvent\"}".getBytes(StandardCharsets.UTF_8);
        rabbit.publish("product.NoSuchEvent", garbage);
        ProductId mug = ProductId.random();
        publish(created(mug, "Mug"));

        awaitVersion(mug, 1);
        byte[] deadLettered = await().atMost(WAIT).until(() -> rabbit.take(rabbit.deadLetterQueue()), body -> body != null);
        assertThat(deadLettered).isEqualTo(garbage);
    }

    private void publish(EventEnvelope envelope) {
        rabbit.publish("product." + envelope.type().name(), EventJson.encodeEnvelope(envelope));
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
