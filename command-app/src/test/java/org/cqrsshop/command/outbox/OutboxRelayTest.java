package org.cqrsshop.command.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.testing.ManualRelayProfile;
import org.cqrsshop.command.testing.StoredEvents;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.RecordingQueue;
import org.cqrsshop.testing.TestPostgres;
import org.cqrsshop.testing.TestRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay against the real PostgreSQL and RabbitMQ, driven by hand. */
@QuarkusTest
@TestProfile(ManualRelayProfile.class)
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class OutboxRelayTest {

    private static final Duration WAIT = Patience.SERVICE;

    @Inject
    OutboxRelay relay;

    @Inject
    PgEventStore eventStore;

    TestPostgres postgres;
    TestRabbit rabbit;
    RecordingQueue published;

    @BeforeEach
    void startRecording() {
        drain(); // whatever earlier tests left behind is not this test's business
        published = rabbit.recordingQueue("#");
    }

    @AfterEach
    void stopRecording() throws Exception {
        published.close();
    }

    @Test
    void events_committed_while_no_relay_ran_are_published_in_commit_order_on_the_next_drain() {
        ProductId first = ProductId.random();
        ProductId second = ProductId.random();
        append(first, 0, StoredEvents.productCreated(first));
        append(second, 0, StoredEvents.productCreated(second));
        append(first, 1, new ProductDeleted(first, "SKU"));

        assertThat(drainUntil(3)).isEqualTo(3);

        List<EventEnvelope> envelopes = awaitPublished(Set.of(first, second), 3);
        assertThat(envelopes).extracting(e -> e.streamId() + "@" + e.streamVersion())
                .containsExactly(first.value() + "@1", second.value() + "@1", first.value() + "@2");
        assertThat(envelopes).extracting(EventEnvelope::globalPosition).isSorted();
    }

    @Test
    void a_message_says_what_it_carries_in_its_routing_key_and_properties() {
        ProductId product = ProductId.random();
        append(product, 0, StoredEvents.productCreated(product));

        drainUntil(1);

        RecordingQueue.Received message = await().atMost(WAIT).until(
                () -> published.received().stream().filter(m -> carries(m, product)).findFirst(),
                Optional::isPresent).orElseThrow();
        EventEnvelope envelope = EventJson.decodeEnvelope(message.body());
        assertThat(message.routingKey()).isEqualTo("product.ProductCreated");
        assertThat(message.properties().getContentType()).isEqualTo("application/json");
        assertThat(message.properties().getMessageId()).isEqualTo(envelope.eventId().toString());
        assertThat(message.properties().getType()).isEqualTo("ProductCreated");
        assertThat(message.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(message.properties().getHeaders().get("schema-version")).isEqualTo(2);
        assertThat(envelope.event()).isEqualTo(StoredEvents.productCreated(product));
        assertThat(envelope.streamType()).isEqualTo(EventTypes.PRODUCT_STREAM);
    }

    @Test
    void an_event_whose_transaction_commits_late_is_held_back_not_skipped() throws Exception {
        ProductId early = ProductId.random();
        ProductId late = ProductId.random();
        try (Connection slow = postgres.connect(); Connection fast = postgres.connect()) {
            slow.setAutoCommit(false);
            fast.setAutoCommit(false);
            StoredEvents.insertProductCreated(slow, late);   // takes the lower position and transaction id
            StoredEvents.insertProductCreated(fast, early);  // takes a higher position ...
            fast.commit();                                   // ... and commits first

            // A relay reading by position alone would publish "early" now and move past "late" for good.
            assertThat(drain()).isZero();

            slow.commit();
        }
        assertThat(drainUntil(2)).isEqualTo(2);
        assertThat(awaitPublished(Set.of(early, late), 2)).extracting(EventEnvelope::streamId)
                .containsExactly(late.value(), early.value());
    }

    @Test
    void while_another_relay_holds_the_checkpoint_this_one_publishes_nothing() throws Exception {
        ProductId product = ProductId.random();
        append(product, 0, StoredEvents.productCreated(product));
        try (Connection otherRelay = postgres.connect()) {
            otherRelay.setAutoCommit(false);
            try (Statement lock = otherRelay.createStatement()) {
                lock.execute("SELECT * FROM relay_checkpoints WHERE relay_name = 'rabbitmq' FOR UPDATE");
            }
            assertThat(drain()).isZero();
            otherRelay.rollback();
        }
        assertThat(drainUntil(1)).isEqualTo(1);
        assertThat(awaitPublished(Set.of(product), 1)).hasSize(1);
    }

    @Test
    void a_checkpoint_lost_in_a_crash_means_the_same_events_go_out_again_never_fewer() throws Exception {
        ProductId product = ProductId.random();
        long before;
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery(
                    "SELECT last_transaction_id::text, last_position FROM relay_checkpoints");
            rows.next();
            String transactionBefore = rows.getString(1);
            before = rows.getLong(2);
            append(product, 0, StoredEvents.productCreated(product));
            drainUntil(1);
            // The broker confirmed, then the process died before its checkpoint was written:
            statement.executeUpdate("UPDATE relay_checkpoints SET last_transaction_id = '" + transactionBefore
                    + "', last_position = " + before);
        }
        drainUntil(1);

        List<EventEnvelope> twice = awaitPublished(Set.of(product), 2);
        assertThat(twice.get(0).eventId()).isEqualTo(twice.get(1).eventId());
    }

    private void append(ProductId stream, long expectedVersion, DomainEvent event) {
        StoredEvents.append(eventStore, EventTypes.PRODUCT_STREAM, stream.value(), expectedVersion, event);
    }

    private int drain() {
        return relay.drain().await().atMost(WAIT);
    }

    /**
     * Drains until {@code count} events went out, and says how many did. One drain may publish
     * fewer: it reads only below the oldest transaction still running anywhere on the PostgreSQL
     * server (a snapshot's xmin is server-wide), and other test runs share that server.
     */
    private int drainUntil(int count) {
        AtomicInteger published = new AtomicInteger();
        await().atMost(WAIT).until(() -> published.addAndGet(drain()) >= count);
        return published.get();
    }

    private List<EventEnvelope> awaitPublished(Set<ProductId> streams, int count) {
        return await().atMost(WAIT).until(() -> published.received().stream()
                .filter(message -> streams.stream().anyMatch(stream -> carries(message, stream)))
                .map(message -> EventJson.decodeEnvelope(message.body()))
                .toList(), envelopes -> envelopes.size() >= count);
    }

    private static boolean carries(RecordingQueue.Received message, ProductId stream) {
        return stream.value().toString().equals(String.valueOf(message.properties().getHeaders().get("stream-id")));
    }
}
