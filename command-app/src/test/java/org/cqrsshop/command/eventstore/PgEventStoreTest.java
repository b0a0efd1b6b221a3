package org.cqrsshop.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cqrsshop.command.testing.StoredEvents;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The event store against the real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class PgEventStoreTest {

    private static final Duration WAIT = Patience.SERVICE;

    @Inject
    PgEventStore eventStore;

    TestPostgres postgres;

    @Test
    void a_stream_reads_back_its_events_in_order_with_its_version() {
        ProductId product = ProductId.random();
        List<DomainEvent> events = List.of(
                StoredEvents.productCreated(product),
                new ProductUpdated(product, "SKU-2", "Renamed", "", Money.of(5, "EUR"), "test"),
                new ProductDeleted(product, "SKU-2"));

        long version = append(product, 0, events.toArray(DomainEvent[]::new));

        LoadedStream stream = eventStore.loadStream(product.value(), 0).await().atMost(WAIT);
        assertThat(version).isEqualTo(3);
        assertThat(stream.version()).isEqualTo(3);
        assertThat(stream.events()).containsExactlyElementsOf(events);
    }

    @Test
    void an_unknown_stream_is_empty_at_version_zero() {
        LoadedStream stream = eventStore.loadStream(UUID.randomUUID(), 0).await().atMost(WAIT);
        assertThat(stream.events()).isEmpty();
        assertThat(stream.version()).isZero();
    }

    @Test
    void every_row_keeps_its_type_schema_version_and_metadata() throws Exception {
        ProductId product = ProductId.random();
        UUID eventId = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        UUID causation = UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-11-24T08:30:00.123456Z");
        eventStore.append(List.of(new StreamWrite(product.value(), EventTypes.PRODUCT_STREAM, 0, List.of(new NewEvent(
                        eventId, StoredEvents.productCreated(product), occurredAt, correlation, causation, "admin-7")))),
                        List.of(), Optional.empty())
                .await().atMost(WAIT);

        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM events WHERE stream_id = '" + product + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong("global_position")).isPositive();
            assertThat(row.getString("transaction_id")).matches("\\d+");
            assertThat(row.getString("stream_type")).isEqualTo("product");
            assertThat(row.getLong("stream_version")).isEqualTo(1);
            assertThat(row.getObject("event_id")).isEqualTo(eventId);
            assertThat(row.getString("event_type")).isEqualTo("ProductCreated");
            assertThat(row.getInt("schema_version")).isEqualTo(2);
            assertThat(row.getObject("correlation_id")).isEqualTo(correlation);
            assertThat(row.getObject("causation_id")).isEqualTo(causation);
            assertThat(row.getString("actor")).isEqualTo("admin-7");
            assertThat(row.getTimestamp("occurred_at").toInstant()).isEqualTo(occurredAt.truncatedTo(ChronoUnit.MICROS));
            assertThat(row.getString("payload")).contains("\"productId\": \"" + product + "\"");
        }
    }

    @Test
    void appending_at_a_version_the_stream_has_passed_is_a_conflict_and_writes_nothing() {
        ProductId product = ProductId.random();
        append(product, 0, StoredEvents.productCreated(product));

        assertThatThrownBy(() -> append(product, 0, new ProductDeleted(product, "SKU"), new ProductDeleted(product, "SKU")))
                .isInstanceOf(VersionConflict.class)
                .hasMessageContaining("version 0");
        assertThat(eventStore.loadStream(product.value(), 0).await().atMost(WAIT).version()).isEqualTo(1);
    }

    @Test
    void of_concurrent_appends_at_the_same_version_exactly_one_commits() {
        ProductId product = ProductId.random();
        append(product, 0, StoredEvents.productCreated(product));
        int writers = 8;

        List<Uni<String>> attempts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            StreamWrite write = new StreamWrite(product.value(), EventTypes.PRODUCT_STREAM, 1,
                    List.of(newEvent(new ProductUpdated(product, "SKU-" + i, "Writer " + i, "", Money.of(i, "EUR"), "test"))));
            attempts.add(eventStore.append(List.of(write), List.of(), Optional.empty())
                    .map(result -> "committed")
                    .onFailure(VersionConflict.class).recoverWithItem("conflict"));
        }
        List<String> outcomes = Uni.join().all(attempts).andFailFast().await().atMost(WAIT);

        assertThat(outcomes).filteredOn("committed"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("conflict"::equals).hasSize(writers - 1);
        assertThat(eventStore.loadStream(product.value(), 0).await().atMost(WAIT).version()).isEqualTo(2);
    }

    private long append(ProductId product, long expectedVersion, DomainEvent... events) {
        return StoredEvents.append(eventStore, EventTypes.PRODUCT_STREAM, product.value(), expectedVersion, events);
    }

    private static NewEvent newEvent(DomainEvent event) {
        return new NewEvent(UUID.randomUUID(), event, Instant.now(), UUID.randomUUID(), UUID.randomUUID(), null);
    }
}
