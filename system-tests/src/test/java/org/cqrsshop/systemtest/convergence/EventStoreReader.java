package org.cqrsshop.systemtest.convergence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.testing.TestPostgres;

/**
 * Reads the event store's table directly over JDBC, bypassing both apps, so that what a test
 * compares the read model against cannot share a bug with the command-app's feed or relay.
 */
public final class EventStoreReader {

    private static final String ALL_EVENTS = """
            SELECT global_position, stream_id, stream_type, stream_version, event_id, event_type, schema_version,
                   payload::text, occurred_at, correlation_id, causation_id, actor
            FROM events
            ORDER BY stream_id, stream_version""";

    private final TestPostgres postgres;

    public EventStoreReader(TestPostgres postgres) {
        this.postgres = postgres;
    }

    /** Every stored event, decoded as the relay would publish it, grouped by stream in version order. */
    public Map<UUID, List<EventEnvelope>> streams() {
        Map<UUID, List<EventEnvelope>> streams = new LinkedHashMap<>();
        for (EventEnvelope event : allEvents()) {
            streams.computeIfAbsent(event.streamId(), id -> new ArrayList<>()).add(event);
        }
        return streams;
    }

    /** Every stored event, ordered by stream and version. */
    public List<EventEnvelope> allEvents() {
        List<EventEnvelope> events = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(ALL_EVENTS)) {
            while (rows.next()) {
                events.add(envelope(rows));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store " + postgres.database, e);
        }
        return events;
    }

    private static EventEnvelope envelope(ResultSet row) throws SQLException {
        return new EventEnvelope(
                row.getObject("event_id", UUID.class),
                row.getObject("stream_id", UUID.class),
                row.getString("stream_type"),
                row.getLong("stream_version"),
                row.getLong("global_position"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                row.getObject("correlation_id", UUID.class),
                row.getObject("causation_id", UUID.class),
                row.getString("actor"),
                EventJson.decode(row.getString("event_type"), row.getInt("schema_version"), row.getString("payload")));
    }
}
