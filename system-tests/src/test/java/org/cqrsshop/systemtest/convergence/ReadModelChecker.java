package org.cqrsshop.systemtest.convergence;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonDocument;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.testing.TestMongo;
import org.cqrsshop.testing.TestPostgres;

/**
 * Checks the read model against the event store, the one source of truth: every stream the
 * query-app projects must have exactly one view, equal field by field to the fold of all of the
 * stream's events, and there must be no other views. Streams and views are read afresh on every
 * check, so a check during traffic shows a read model in flux, and {@link #awaitConvergence}
 * waits for it to settle.
 */
public final class ReadModelChecker implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final EventStoreReader store;
    private final StoredViews views;
    private String context = "";

    public ReadModelChecker(TestPostgres postgres, TestMongo mongo) {
        this.store = new EventStoreReader(postgres);
        this.views = new StoredViews(mongo);
    }

    /** Prefixes every failure, e.g. with the seed that reproduces a random run. */
    public ReadModelChecker describedAs(String context) {
        this.context = context + ": ";
        return this;
    }

    public EventStoreReader store() {
        return store;
    }

    public StoredViews views() {
        return views;
    }

    public ConvergenceReport check() {
        return ConvergenceReport.compare(expectedViews(), views.snapshot());
    }

    /** What the views should be now, by collection and then by id: each stream folded whole. */
    public Map<String, Map<String, BsonDocument>> expectedViews() {
        Map<String, Map<String, BsonDocument>> expected = new LinkedHashMap<>();
        ExpectedViews.projections().forEach(projection -> expected.put(projection.collection(), new LinkedHashMap<>()));
        for (Map.Entry<UUID, List<EventEnvelope>> stream : store.streams().entrySet()) {
            String streamType = stream.getValue().get(0).streamType();
            if (ExpectedViews.projectionOf(streamType).isPresent()) {
                expected.get(ExpectedViews.collectionOf(streamType))
                        .put(stream.getKey().toString(), ExpectedViews.fold(stream.getValue()));
            }
        }
        return expected;
    }

    public void assertConverged() {
        ConvergenceReport report = check();
        if (!report.converged()) {
            throw new AssertionError(context + "the read model differs from the event store, " + report);
        }
    }

    /**
     * Checks again and again until the read model equals the event store.
     *
     * @return the last, empty report
     * @throws AssertionError with the last report if it still differs after {@code within}
     */
    public ConvergenceReport awaitConvergence(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            ConvergenceReport report = check();
            if (report.converged()) {
                return report;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        context + "the read model still differs from the event store after " + within + ", " + report);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(context + "interrupted while waiting for convergence, " + report, e);
            }
        }
    }

    @Override
    public void close() {
        views.close();
    }
}
