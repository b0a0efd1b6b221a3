package org.cqrsshop.command.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cqrsshop.command.eventstore.StoredEventRows;
import org.cqrsshop.command.handling.EventsAppended;
import org.jboss.logging.Logger;

/**
 * Publishes committed events to RabbitMQ, in order, at least once.
 *
 * <p>Each batch runs in one transaction that (1) locks the relay's checkpoint row, skipping it if
 * another replica holds it, (2) reads events past the checkpoint whose transaction id is below
 * {@code pg_snapshot_xmin}, ordered by (transaction id, position), (3) publishes them and waits
 * for the broker's confirms, then (4) moves the checkpoint. Every transaction below the snapshot's
 * xmin has ended, so no event can commit later behind the checkpoint; a crash before step 4
 * republishes the batch, which consumers ignore by version. See docs/architecture.md.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String RELAY_NAME = "rabbitmq";
    /** Longer than a batch takes with a healthy broker, shorter than the platform's grace period. */
    private static final Duration LAST_BATCH_WAIT = Duration.ofSeconds(10);

    private static final String LOCK_CHECKPOINT = """
            SELECT last_transaction_id::text AS last_transaction_id, last_position
            FROM relay_checkpoints WHERE relay_name = $1 FOR UPDATE SKIP LOCKED""";

    private static final String MOVE_CHECKPOINT = """
            UPDATE relay_checkpoints
            SET last_transaction_id = $2::text::xid8, last_position = $3, updated_at = now()
            WHERE relay_name = $1""";

    private final Pool pool;
    private final RabbitEventPublisher publisher;
    private final RelayConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private long pollTimer = -1;
    private volatile Context relayContext;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
    private volatile RelayStatus status = RelayStatus.STARTING;
    private volatile boolean stopping;

    public OutboxRelay(Pool pool, RabbitEventPublisher publisher, RelayConfig config, Clock clock, Vertx vertx) {
        this.pool = pool;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    public RelayStatus status() {
        return status;
    }

    /** A Vert.x timer, not the scheduler: the scheduler cannot poll more often than once a second. */
    void startPolling(@Observes StartupEvent started) {
        // Created here, off any request: what the relay does is no part of the request that woke it.
        relayContext = vertx.getDelegate().getOrCreateContext();
        if (config.enabled()) {
            pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(),
                    tick -> drain().subscribe().with(published -> {}, failure -> {}));
        }
    }

    /**
     * Starts no batch from now on and waits for the one in flight, so that the relay stops after
     * its last confirm and checkpoint. Whatever it leaves is published by the next relay to run;
     * a batch cut off anyway (past the wait) is published again, which consumers ignore by version.
     */
    void stopPolling(@Observes ShutdownEvent stopping) {
        this.stopping = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        long deadline = System.nanoTime() + LAST_BATCH_WAIT.toNanos();
        while (draining.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (draining.get()) {
            LOG.warnf("The relay's last batch did not finish within %s; the next relay publishes it again",
                    LAST_BATCH_WAIT);
        } else {
            LOG.info("Relay stopped after its last confirmed batch");
        }
    }

    void onAppended(@Observes EventsAppended appended) {
        if (config.enabled() && !stopping) {
            // On the relay's context, so that its queries do not join the trace of the command that
            // woke it; each published event continues its own append's trace instead.
            relayContext.runOnContext(ignored -> drain().subscribe().with(published -> {}, failure -> {}));
        }
    }

    /**
     * Publishes batches until none is left. If a drain is already running, it is asked to look
     * once more instead, so that a wake-up is never lost and two drains never overlap.
     *
     * @return how many events this call published (0 if another drain was running)
     */
    public Uni<Integer> drain() {
        if (stopping) {
            return Uni.createFrom().item(0);
        }
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining.set(true);
            return Uni.createFrom().item(0);
        }
        return drainFrom(0)
                .invoke(this::recordSuccess)
                .onFailure().invoke(this::recordFailure)
                .eventually(this::finishDrain);
    }

    private void finishDrain() {
        draining.set(false);
        // A wake-up that arrived after the last batch was read but before the flag dropped.
        if (wokenWhileDraining.get() && status.consecutiveFailures() == 0) {
            drain().subscribe().with(published -> {}, failure -> {});
        }
    }

    private Uni<Integer> drainFrom(int publishedSoFar) {
        wokenWhileDraining.set(false);
        return publishBatch().chain(published -> {
            int total = publishedSoFar + published;
            boolean more = !stopping && (published == config.batchSize() || wokenWhileDraining.get());
            return more ? drainFrom(total) : Uni.createFrom().item(total);
        });
    }

    /** One transaction: lock the checkpoint, publish what lies past it, move it. */
    Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery(LOCK_CHECKPOINT).execute(Tuple.of(RELAY_NAME))
                .chain(checkpoint -> {
                    if (checkpoint.size() == 0) {
                        return Uni.createFrom().item(0); // another replica is publishing
                    }
                    Row at = checkpoint.iterator().next();
                    return connection.preparedQuery(StoredEventRows.COMMITTED_AFTER)
                            .execute(Tuple.of(at.getString("last_transaction_id"), at.getLong("last_position"),
                                    config.batchSize()))
                            .chain(rows -> publishAndAdvance(connection, rows));
                }));
    }

    private Uni<Integer> publishAndAdvance(SqlConnection connection, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<RelayedEvent> batch = new ArrayList<>(rows.size());
        Row last = null;
        for (Row row : rows) {
            batch.add(new RelayedEvent(StoredEventRows.toEnvelope(row), row.getString("trace_parent")));
            last = row;
        }
        Tuple checkpoint = Tuple.of(RELAY_NAME, last.getString("transaction_id_text"), last.getLong("global_position"));
        return publisher.publish(batch)
                .ifNoItem().after(config.confirmTimeout())
                .failWith(() -> new IllegalStateException(
                        "broker did not confirm " + batch.size() + " events within " + config.confirmTimeout()))
                .chain(() -> connection.preparedQuery(MOVE_CHECKPOINT).execute(checkpoint))
                .replaceWith(batch.size());
    }

    private void recordSuccess(int published) {
        if (status.consecutiveFailures() > 0) {
            LOG.infof("Event relay recovered after %d failed attempts", status.consecutiveFailures());
        }
        status = status.succeeded(clock.instant());
    }

    private void recordFailure(Throwable failure) {
        RelayStatus before = status;
        status = before.failed(failure);
        if (before.consecutiveFailures() == 0) {
            LOG.warnf(failure, "Event relay stalled; it keeps retrying from its checkpoint");
        } else {
            LOG.debugf("Event relay still failing (%d attempts): %s", status.consecutiveFailures(), failure.getMessage());
        }
    }
}
