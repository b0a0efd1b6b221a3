package org.cqrsshop.command.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How much the relay has yet to publish: committed events past its checkpoint, and how long ago
 * the first of them was committed. Measured every few seconds for the metrics and the readiness
 * report, not per batch, so a long backlog costs one bounded count now and then.
 */
@ApplicationScoped
public class RelayBacklog {

    /** Beyond this the count stops: the gauge then reads "at least this many". */
    static final int COUNT_LIMIT = 100_000;
    private static final Duration MEASURE_EVERY = Duration.ofSeconds(5);

    private static final String MEASURE = """
            WITH checkpoint AS (SELECT last_transaction_id, last_position FROM relay_checkpoints WHERE relay_name = $1),
                 pending AS (SELECT e.transaction_id, e.global_position, e.recorded_at
                             FROM events e, checkpoint c
                             WHERE (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)
                             ORDER BY e.transaction_id, e.global_position
                             LIMIT $2)
            SELECT count(*) AS events, min(recorded_at) AS oldest FROM pending""";

    private final Pool pool;
    private final Vertx vertx;
    private final Clock clock;
    private volatile Measure latest = new Measure(-1, -1);
    private long timer = -1;

    /**
     * @param events committed events not yet published (at most {@link #COUNT_LIMIT}), -1 before the first measure or
     *     while PostgreSQL cannot be asked
     * @param oldestAgeMillis how long ago the oldest of them was committed; 0 when there are none
     */
    public record Measure(long events, long oldestAgeMillis) {}

    public RelayBacklog(Pool pool, Vertx vertx, Clock clock, MeterRegistry meters) {
        this.pool = pool;
        this.vertx = vertx;
        this.clock = clock;
        Gauge.builder("cqrs.relay.backlog.events", () -> latest.events())
                .description("Committed events the relay has not yet published (-1: unknown)")
                .register(meters);
        Gauge.builder("cqrs.relay.backlog.age.milliseconds", () -> latest.oldestAgeMillis())
                .description("How long ago the oldest unpublished event was committed")
                .register(meters);
    }

    public Measure latest() {
        return latest;
    }

    void start(@Observes StartupEvent started) {
        measure();
        timer = vertx.setPeriodic(MEASURE_EVERY.toMillis(), tick -> measure());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void measure() {
        pool.preparedQuery(MEASURE).execute(Tuple.of(OutboxRelay.RELAY_NAME, COUNT_LIMIT)).subscribe().with(
                rows -> latest = measureOf(rows.iterator().next()),
                unknown -> latest = new Measure(-1, -1));
    }

    private Measure measureOf(Row row) {
        long events = row.getLong("events");
        OffsetDateTime oldest = row.getOffsetDateTime("oldest");
        long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis());
        return new Measure(events, age);
    }
}
