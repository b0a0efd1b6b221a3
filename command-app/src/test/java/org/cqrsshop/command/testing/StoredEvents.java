package org.cqrsshop.command.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cqrsshop.command.eventstore.NewEvent;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.eventstore.StreamWrite;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.testing.Patience;

/** Writes events into the store directly, bypassing commands, for tests of the store and the relay. */
public final class StoredEvents {

    private static final Duration WAIT = Patience.SERVICE;

    private StoredEvents() {}

    /** Appends events to one stream at {@code expectedVersion} and returns its new version. */
    public static long append(PgEventStore store, String streamType, UUID streamId, long expectedVersion,
            DomainEvent... events) {
        List<NewEvent> newEvents = new ArrayList<>();
        for (DomainEvent event : events) {
            newEvents.add(new NewEvent(UUID.randomUUID(), event, Instant.now(), UUID.randomUUID(), UUID.randomUUID(), null));
        }
        return store.append(List.of(new StreamWrite(streamId, streamType, expectedVersion, newEvents)), List.of(),
                        Optional.empty())
                .map(result -> result.versions().get(streamId))
                .await().atMost(WAIT);
    }

    public static ProductCreated productCreated(ProductId id) {
        return new ProductCreated(id, "SKU-" + id.value().toString().substring(0, 8), "Test product", "",
                Money.of(100, "EUR"), "test", 1);
    }

    /** Inserts version 1 of a new product stream over JDBC, inside the caller's transaction. */
    public static void insertProductCreated(Connection connection, ProductId id) throws SQLException {
        insertProductCreated(connection, id, null);
    }

    /** @param transactionId the writing transaction to record, or {@code null} for the inserting one */
    public static void insertProductCreated(Connection connection, ProductId id, Long transactionId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO events (stream_id, stream_type, stream_version, event_id, event_type, schema_version,
                                    payload, occurred_at, correlation_id, causation_id, transaction_id)
                VALUES (?, 'product', 1, ?, ?, ?, ?::jsonb, now(), ?, ?,
                        coalesce(?::text::xid8, pg_current_xact_id()))""")) {
            ProductCreated created = productCreated(id);
            EventType<?> type = EventTypes.of(created);
            insert.setObject(1, id.value());
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, type.name());
            insert.setInt(4, type.schemaVersion());
            insert.setString(5, EventJson.encode(created));
            insert.setObject(6, UUID.randomUUID());
            insert.setObject(7, UUID.randomUUID());
            insert.setString(8, transactionId == null ? null : transactionId.toString());
            insert.executeUpdate();
        }
    }
}
