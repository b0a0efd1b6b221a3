package org.cqrsshop.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqrsshop.systemtest.convergence.ReadModelChecker;

/** What the query-app tells about its own progress: its status query, its queue and its counters. */
final class ReadSide {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Pattern PROJECTION_OUTCOME =
            Pattern.compile("(?m)^cqrs_projection_events_total\\{([^}]*)} ([0-9.E+-]+)$");
    private static final Pattern OUTCOME_LABEL = Pattern.compile("outcome=\"([a-z_]+)\"");

    private static final Pattern PARTITIONS_HELD =
            Pattern.compile("(?m)^cqrs_projection_partitions_held(?:\\{[^}]*})? ([0-9.E+-]+)$");

    private final ShopSystem shop;
    private final AppProcess replica;

    ReadSide(ShopSystem shop) {
        this(shop, shop.queryApp);
    }

    /** What one replica of the query-app tells. */
    ReadSide(ShopSystem shop, AppProcess replica) {
        this.shop = shop;
        this.replica = replica;
    }

    JsonNode status() {
        JsonNode response = GraphQL.post(replica.graphql(), "{ readModelStatus { lastAppliedPosition headPosition"
                + " lagEvents lagMilliseconds deadLetters rebuild { state startedAt finishedAt eventsApplied"
                + " eventsPerSecond lastPosition error } } }");
        if (!response.path("errors").isMissingNode()) {
            throw new IllegalStateException("readModelStatus failed: " + response);
        }
        return response.path("data").path("readModelStatus");
    }

    /**
     * Waits until the read side has nothing left to do and its views equal the event store: the
     * query-app reports no lag, its partitions hold nothing, and the checker finds no difference.
     */
    void awaitQuiescence(ReadModelChecker checker, Duration within) {
        Instant deadline = Instant.now().plus(within);
        awaitUntil(deadline, "the query-app to report no lag", () -> status().path("lagEvents").asLong() == 0);
        awaitUntil(deadline, "the partitions to drain", () -> shop.rabbit.projectionBacklog() == 0);
        checker.awaitConvergence(Duration.between(Instant.now(), deadline).plus(POLL_INTERVAL));
    }

    /**
     * How many delivered events the projections have finished with, by outcome ({@code applied},
     * {@code duplicate}, {@code repaired}, {@code dead_lettered}, ...), over all stream types.
     */
    Map<String, Long> projectionOutcomes() {
        String metrics = metrics();
        Map<String, Long> outcomes = new HashMap<>();
        Matcher counter = PROJECTION_OUTCOME.matcher(metrics);
        while (counter.find()) {
            Matcher outcome = OUTCOME_LABEL.matcher(counter.group(1));
            if (outcome.find()) {
                outcomes.merge(outcome.group(1), (long) Double.parseDouble(counter.group(2)), Long::sum);
            }
        }
        return outcomes;
    }

    /** The partitions this replica is the active consumer of, as its gauge tells. */
    int partitionsHeld() {
        Matcher held = PARTITIONS_HELD.matcher(metrics());
        if (!held.find()) {
            throw new IllegalStateException(replica.name() + " exposes no cqrs_projection_partitions_held");
        }
        return (int) Double.parseDouble(held.group(1));
    }

    private String metrics() {
        try {
            return GraphQL.get(replica.url("/q/metrics"));
        } catch (IOException e) {
            throw new IllegalStateException("could not read the metrics of " + replica.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void awaitUntil(Instant deadline, String what, BooleanSupplier condition) {
        RuntimeException lastFailure = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                lastFailure = notYet;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("gave up waiting for " + what, lastFailure);
    }
}
