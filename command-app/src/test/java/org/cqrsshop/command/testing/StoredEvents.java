package org.cqrsshop.command.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** Writes events straight into the store over JDBC, for tests that must control transactions. */
public final class StoredEvents {

    private StoredEvents() {}

    public static ProductCreated productCreated(ProductId id) {
        return new ProductCreated(id, "SKU-" + id.value().toString().substring(0, 8), "Test product", "",
                Money.of(100, "EUR"), "test", 1);
    }

    /** Inserts version 1 of a new product stream inside the caller's transaction. */
    public static void insertProductCreated(Connection connection, ProductId id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO events (stream_id, stream_type, stream_version, event_id, event_type, schema_version,
                                    payload, occurred_at, correlation_id, causation_id)
                VALUES (?, 'product', 1, ?, 'ProductCreated', 1, ?::jsonb, now(), ?, ?)""")) {
            insert.setObject(1, id.value());
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, EventJson.encode(productCreated(id)));
            insert.setObject(4, UUID.randomUUID());
            insert.setObject(5, UUID.randomUUID());
            insert.executeUpdate();
        }
    }
}
