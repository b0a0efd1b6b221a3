package org.cqrsshop.command.eventstore;

import io.vertx.mutiny.sqlclient.Row;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;

/** How a row of the events table becomes an envelope, for everything that reads the store in bulk. */
public final class StoredEventRows {

    /**
     * The columns {@link #toEnvelope} reads, plus the writing transaction as text, for cursors. The
     * text has a name of its own: named transaction_id, it would be what ORDER BY transaction_id
     * sorts, and as text 1000000 sorts before 999999.
     */
    public static final String COLUMNS = """
            global_position, transaction_id::text AS transaction_id_text, stream_id, stream_type, stream_version,
            event_id, event_type, schema_version, payload::text AS payload, occurred_at,
            correlation_id, causation_id, actor""";

    /**
     * Up to $3 committed events past ($1 transaction id as text, $2 position), in the order the
     * relay publishes them. Only transactions below the snapshot's xmin are read: each of them has
     * ended, so no event can still commit behind a reader that moves past them (ADR 0001). The
     * relay also reads each event's {@code trace_parent}.
     */
    public static final String COMMITTED_AFTER = """
            SELECT %s, trace_parent FROM events
            WHERE (transaction_id, global_position) > ($1::text::xid8, $2)
              AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY transaction_id, global_position
            LIMIT $3""".formatted(COLUMNS);

    private StoredEventRows() {}

    public static EventEnvelope toEnvelope(Row row) {
        return new EventEnvelope(
                row.getUUID("event_id"),
                row.getUUID("stream_id"),
                row.getString("stream_type"),
                row.getLong("stream_version"),
                row.getLong("global_position"),
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getUUID("correlation_id"),
                row.getUUID("causation_id"),
                row.getString("actor"),
                EventJson.decode(row.getString("event_type"), row.getInteger("schema_version"),
                        row.getString("payload")));
    }
}
