package org.cqrsshop.command.eventstore;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;

/** The event store on PostgreSQL, through the reactive client. */
@ApplicationScoped
public class PgEventStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_unique";

    private static final String LOAD_STREAM = """
            SELECT event_type, schema_version, payload::text AS payload, stream_version
            FROM events WHERE stream_id = $1 ORDER BY stream_version""";

    private static final String STREAM_VERSION = """
            SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1""";

    private static final String INSERT_EVENT = """
            INSERT INTO events (stream_id, stream_type, stream_version, event_id, event_type, schema_version,
                                payload, occurred_at, correlation_id, causation_id, actor)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11)""";

    private final Pool pool;

    public PgEventStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<LoadedStream> loadStream(UUID streamId) {
        return pool.preparedQuery(LOAD_STREAM).execute(Tuple.of(streamId)).map(rows -> {
            List<DomainEvent> events = new ArrayList<>();
            long version = 0;
            for (Row row : rows) {
                events.add(EventJson.decode(
                        row.getString("event_type"), row.getInteger("schema_version"), row.getString("payload")));
                version = row.getLong("stream_version");
            }
            return new LoadedStream(streamId, events, version);
        });
    }

    /** The version of a stream's last event, 0 if the stream has none. */
    public Uni<Long> streamVersion(UUID streamId) {
        return pool.preparedQuery(STREAM_VERSION).execute(Tuple.of(streamId))
                .map(rows -> rows.iterator().next().getLong("version"));
    }

    /**
     * Appends events to a stream that the caller saw at {@code expectedVersion} (0: the stream
     * must not exist yet), all or nothing. Returns the stream's new version, or fails with
     * {@link VersionConflict} when another writer got there first.
     */
    public Uni<Long> append(UUID streamId, String streamType, long expectedVersion, List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(expectedVersion);
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        long version = expectedVersion;
        for (NewEvent event : events) {
            EventType<?> type = EventTypes.of(event.event());
            if (!type.streamType().equals(streamType)) {
                throw new IllegalArgumentException(type.name() + " does not belong in a " + streamType + " stream");
            }
            version++;
            rows.add(Tuple.tuple()
                    .addUUID(streamId)
                    .addString(streamType)
                    .addLong(version)
                    .addUUID(event.eventId())
                    .addString(type.name())
                    .addInteger(type.schemaVersion())
                    .addString(EventJson.encode(event.event()))
                    .addOffsetDateTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                    .addUUID(event.correlationId())
                    .addUUID(event.causationId())
                    .addString(event.actor()));
        }
        long newVersion = version;
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_EVENT).executeBatch(rows))
                .replaceWith(newVersion)
                .onFailure(PgEventStore::isVersionClash)
                .transform(clash -> new VersionConflict(streamId, expectedVersion, "another writer appended first"));
    }

    private static boolean isVersionClash(Throwable failure) {
        return failure instanceof PgException pg
                && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && STREAM_VERSION_CONSTRAINT.equals(pg.getConstraint());
    }
}
