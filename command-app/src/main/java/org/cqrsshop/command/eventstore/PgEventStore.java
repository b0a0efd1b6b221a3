package org.cqrsshop.command.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqrsshop.command.decider.ClaimChange;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.telemetry.TraceParent;

/** The event store on PostgreSQL, through the reactive client. */
@ApplicationScoped
public class PgEventStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_unique";
    private static final String IDEMPOTENCY_CONSTRAINT = "idempotency_keys_pkey";
    private static final Pattern CLASHING_STREAM = Pattern.compile("=\\(([0-9a-f-]{36}), (\\d+)\\)");

    private static final String LOAD_STREAM = """
            SELECT event_type, schema_version, payload::text AS payload, stream_version
            FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version""";

    private static final String STREAM_VERSION = """
            SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1""";

    private static final String INSERT_EVENT = """
            INSERT INTO events (stream_id, stream_type, stream_version, event_id, event_type, schema_version,
                                payload, occurred_at, correlation_id, causation_id, actor, trace_parent)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11, $12)
            RETURNING global_position""";

    private static final String RELEASE_CLAIM = """
            DELETE FROM unique_claims WHERE scope = $1 AND value = $2 AND owner_stream_id = $3""";

    // Inserts the claim, or finds it already held by the same stream; returns no row if another stream holds it.
    private static final String CLAIM = """
            INSERT INTO unique_claims (scope, value, owner_stream_id) VALUES ($1, $2, $3)
            ON CONFLICT (scope, value) DO UPDATE SET owner_stream_id = excluded.owner_stream_id
            WHERE unique_claims.owner_stream_id = excluded.owner_stream_id
            RETURNING owner_stream_id""";

    private static final String STORE_IDEMPOTENCY = """
            INSERT INTO idempotency_keys (idempotency_key, operation, request_fingerprint, outcome)
            VALUES ($1, $2, $3, $4::text::jsonb)""";

    private static final String FIND_IDEMPOTENCY = """
            SELECT operation, request_fingerprint, outcome::text AS outcome
            FROM idempotency_keys WHERE idempotency_key = $1""";

    private static final String LOAD_SNAPSHOT = """
            SELECT stream_version, state_schema, state::text AS state FROM snapshots WHERE stream_id = $1""";

    private static final String SAVE_SNAPSHOT = """
            INSERT INTO snapshots (stream_id, stream_type, stream_version, state_schema, state)
            VALUES ($1, $2, $3, $4, $5::text::jsonb)
            ON CONFLICT (stream_id) DO UPDATE
            SET stream_version = excluded.stream_version, state_schema = excluded.state_schema,
                state = excluded.state, taken_at = now()
            WHERE snapshots.stream_version < excluded.stream_version""";

    private final Pool pool;
    private final MeterRegistry meters;

    public PgEventStore(Pool pool, MeterRegistry meters) {
        this.pool = pool;
        this.meters = meters;
    }

    /** A stream's events after {@code afterVersion} (0 for all of them), in order. */
    public Uni<LoadedStream> loadStream(UUID streamId, long afterVersion) {
        return pool.preparedQuery(LOAD_STREAM).execute(Tuple.of(streamId, afterVersion)).map(rows -> {
            List<DomainEvent> events = new ArrayList<>();
            long version = afterVersion;
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
     * Appends to every stream, applies the claims and stores the idempotency record, all in one
     * transaction: all or nothing.
     *
     * @throws VersionConflict (as a failure) when another writer appended to one of the streams first
     * @throws ClaimTaken when a claimed value belongs to another stream
     * @throws IdempotencyKeyTaken when a concurrent request stored the same idempotency key
     */
    @WithSpan("append events")
    public Uni<AppendResult> append(
            List<StreamWrite> writes, List<ClaimChange> claims, Optional<IdempotencyRecord> idempotency) {
        // This method's span: the relay continues the trace from it when it publishes the events.
        String traceParent = TraceParent.ofCurrentSpan();
        Map<UUID, Long> versions = new HashMap<>();
        List<Tuple> rows = new ArrayList<>();
        for (StreamWrite write : writes) {
            long version = write.expectedVersion();
            for (NewEvent event : write.events()) {
                version++;
                rows.add(eventRow(write, version, event, traceParent));
            }
            versions.put(write.streamId(), version);
        }
        Timer.Sample started = Timer.start(meters);
        return pool.withTransaction(connection -> insertEvents(connection, rows)
                        .chain(lastPosition -> applyClaims(connection, claims)
                                .chain(() -> storeIdempotency(connection, idempotency, new AppendResult(versions, lastPosition)))))
                .onFailure(PgEventStore::isVersionClash).transform(PgEventStore::versionConflict)
                .onFailure(PgEventStore::isIdempotencyClash).transform(clash ->
                        new IdempotencyKeyTaken(idempotency.map(IdempotencyRecord::key).orElse("?")))
                .onItemOrFailure().invoke((appended, failure) ->
                        started.stop(meters.timer("cqrs.eventstore.append", "outcome", appendOutcome(failure))));
    }

    private static String appendOutcome(Throwable failure) {
        if (failure == null) {
            return "committed";
        }
        return failure instanceof VersionConflict || failure instanceof ClaimTaken
                || failure instanceof IdempotencyKeyTaken ? "conflict" : "failed";
    }

    public Uni<Optional<StoredIdempotency>> findIdempotency(String key) {
        return pool.preparedQuery(FIND_IDEMPOTENCY).execute(Tuple.of(key)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new StoredIdempotency(
                    row.getString("operation"), row.getString("request_fingerprint"), row.getString("outcome")));
        });
    }

    public Uni<Optional<Snapshot>> loadSnapshot(UUID streamId) {
        return pool.preparedQuery(LOAD_SNAPSHOT).execute(Tuple.of(streamId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Snapshot(row.getLong("stream_version"), row.getInteger("state_schema"),
                    row.getString("state")));
        });
    }

    /** Keeps the newer of the stored and the given snapshot. */
    public Uni<Void> saveSnapshot(UUID streamId, String streamType, Snapshot snapshot) {
        return pool.preparedQuery(SAVE_SNAPSHOT)
                .execute(Tuple.of(streamId, streamType, snapshot.version(), snapshot.stateSchema(), snapshot.state()))
                .replaceWithVoid();
    }

    public Uni<Long> nextOrderNumber() {
        return pool.query("SELECT nextval('order_numbers') AS number").execute()
                .map(rows -> rows.iterator().next().getLong("number"));
    }

    private static Tuple eventRow(StreamWrite write, long version, NewEvent event, String traceParent) {
        EventType<?> type = EventTypes.of(event.event());
        if (!type.streamType().equals(write.streamType())) {
            throw new IllegalArgumentException(type.name() + " does not belong in a " + write.streamType() + " stream");
        }
        return Tuple.tuple()
                .addUUID(write.streamId())
                .addString(write.streamType())
                .addLong(version)
                .addUUID(event.eventId())
                .addString(type.name())
                .addInteger(type.schemaVersion())
                .addString(EventJson.encode(event.event()))
                .addOffsetDateTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                .addUUID(event.correlationId())
                .addUUID(event.causationId())
                .addString(event.actor())
                .addString(traceParent);
    }

    /** @return the global position of the last inserted event, 0 if there were none */
    private static Uni<Long> insertEvents(SqlConnection connection, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return connection.preparedQuery(INSERT_EVENT).executeBatch(rows).map(PgEventStore::lastPosition);
    }

    private static long lastPosition(RowSet<Row> batch) {
        long last = 0;
        for (RowSet<Row> result = batch; result != null; result = result.next()) {
            for (Row row : result) {
                last = Math.max(last, row.getLong("global_position"));
            }
        }
        return last;
    }

    /** Releases first, so that a stream may move its claim from one value to another. */
    private static Uni<Void> applyClaims(SqlConnection connection, List<ClaimChange> claims) {
        List<ClaimChange> ordered = new ArrayList<>();
        claims.stream().filter(ClaimChange.Release.class::isInstance).forEach(ordered::add);
        claims.stream().filter(ClaimChange.Claim.class::isInstance).forEach(ordered::add);
        return Multi.createFrom().iterable(ordered)
                .onItem().transformToUniAndConcatenate(change -> applyClaim(connection, change))
                .collect().last().replaceWithVoid();
    }

    private static Uni<Void> applyClaim(SqlConnection connection, ClaimChange change) {
        Tuple claim = Tuple.of(change.scope(), change.value(), change.owner());
        if (change instanceof ClaimChange.Release) {
            return connection.preparedQuery(RELEASE_CLAIM).execute(claim).replaceWithVoid();
        }
        ClaimChange.Claim taking = (ClaimChange.Claim) change;
        return connection.preparedQuery(CLAIM).execute(claim).chain(rows -> rows.size() == 1
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ClaimTaken(taking.scope(), taking.value(), taking.codeWhenTaken())));
    }

    private static Uni<AppendResult> storeIdempotency(
            SqlConnection connection, Optional<IdempotencyRecord> idempotency, AppendResult result) {
        if (idempotency.isEmpty()) {
            return Uni.createFrom().item(result);
        }
        IdempotencyRecord record = idempotency.get();
        return connection.preparedQuery(STORE_IDEMPOTENCY)
                .execute(Tuple.of(record.key(), record.operation(), record.fingerprint(), record.outcome().apply(result)))
                .replaceWith(result);
    }

    private static boolean isVersionClash(Throwable failure) {
        return isUniqueViolation(failure, STREAM_VERSION_CONSTRAINT);
    }

    private static boolean isIdempotencyClash(Throwable failure) {
        return isUniqueViolation(failure, IDEMPOTENCY_CONSTRAINT);
    }

    private static boolean isUniqueViolation(Throwable failure, String constraint) {
        return failure instanceof PgException pg
                && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && constraint.equals(pg.getConstraint());
    }

    /** Names the stream whose version clashed, read from PostgreSQL's "Key (...)=(id, version)" detail. */
    private static VersionConflict versionConflict(Throwable clash) {
        Matcher key = CLASHING_STREAM.matcher(String.valueOf(((PgException) clash).getDetail()));
        if (key.find()) {
            return new VersionConflict(UUID.fromString(key.group(1)), Long.parseLong(key.group(2)) - 1,
                    "another writer appended first");
        }
        return new VersionConflict(null, -1, "another writer appended first");
    }
}
