package org.cqrsshop.systemtest.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqrsshop.testing.TestPostgres;

/**
 * Questions about the event store, asked directly over JDBC as the convergence checker's
 * {@code EventStoreReader} does, so that the answers cannot share a bug with the command-app.
 */
public final class EventStoreAudit {

    /** One stored event, as far as identity goes. */
    public record StoredEvent(String streamId, long version, long position) {}

    /** What the command-app stored as a command's result under its idempotency key. */
    public record StoredResult(String streamId, long version, long position) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPostgres postgres;

    public EventStoreAudit(TestPostgres postgres) {
        this.postgres = postgres;
    }

    public long eventCount() {
        return query("SELECT count(*) FROM events", rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    public Set<StoredEvent> events() {
        return query("SELECT stream_id::text, stream_version, global_position FROM events", rows -> {
            Set<StoredEvent> events = new HashSet<>();
            while (rows.next()) {
                events.add(new StoredEvent(rows.getString(1), rows.getLong(2), rows.getLong(3)));
            }
            return events;
        });
    }

    /** Each stream's version: how many events a view of it must have taken in. */
    public Map<String, Long> streamVersions() {
        return query("SELECT stream_id::text, max(stream_version) FROM events GROUP BY stream_id", rows -> {
            Map<String, Long> versions = new HashMap<>();
            while (rows.next()) {
                versions.put(rows.getString(1), rows.getLong(2));
            }
            return versions;
        });
    }

    /**
     * Stream versions stored more than once. The unique constraint on (stream, version) should
     * make this impossible; the campaign checks the outcome rather than trusting the constraint.
     */
    public List<String> duplicatedStreamVersions() {
        return query("""
                SELECT stream_id::text || ' v' || stream_version || ' x' || count(*)
                FROM events GROUP BY stream_id, stream_version HAVING count(*) > 1""", EventStoreAudit::strings);
    }

    /** Streams whose versions are not exactly 1..n: an event lost or one written twice under two versions. */
    public List<String> streamsWithHoles() {
        return query("""
                SELECT stream_id::text || ': ' || count(*) || ' events, versions ' || min(stream_version)
                       || '..' || max(stream_version)
                FROM events GROUP BY stream_id
                HAVING min(stream_version) <> 1 OR max(stream_version) <> count(*)""", EventStoreAudit::strings);
    }

    /** Event ids stored more than once: the same decision appended twice. */
    public List<String> duplicatedEventIds() {
        return query("SELECT event_id::text FROM events GROUP BY event_id HAVING count(*) > 1", EventStoreAudit::strings);
    }

    /** Every idempotency key the command-app stored, with the result it stored for it. */
    public Map<String, StoredResult> idempotencyResults() {
        return query("SELECT idempotency_key, outcome::text FROM idempotency_keys", rows -> {
            Map<String, StoredResult> results = new HashMap<>();
            while (rows.next()) {
                results.put(rows.getString(1), result(rows.getString(2)));
            }
            return results;
        });
    }

    private static StoredResult result(String outcome) {
        try {
            JsonNode json = JSON.readTree(outcome);
            return new StoredResult(json.path("streamId").asText(), json.path("version").asLong(),
                    json.path("position").asLong());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored outcome " + outcome, e);
        }
    }

    private static List<String> strings(ResultSet rows) throws SQLException {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
            values.add(rows.getString(1));
        }
        return values;
    }

    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, RowsReader<T> reader) {
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("could not query the event store " + postgres.database + ": " + sql, e);
        }
    }
}
