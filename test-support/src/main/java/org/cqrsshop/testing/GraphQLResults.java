package org.cqrsshop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What one subscription received: results ({@code data} and maybe {@code errors}) in arrival order, then its end. */
public final class GraphQLResults {

    private final String document;
    private final Instant openedAt = Instant.now();
    private final BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> completed = new CompletableFuture<>();
    /** The latest results with when they came, kept after a test took them, for {@link SubscriptionHistory}. */
    private final Deque<String> history = new ArrayDeque<>();
    private int received;
    private Instant completedAt;
    private Instant closedByClientAt;

    GraphQLResults(String document) {
        this.document = document;
        SubscriptionHistory.opened(this);
    }

    void add(JsonNode result) {
        synchronized (history) {
            received++;
            history.addLast(Instant.now() + " " + result);
            while (history.size() > SubscriptionHistory.RESULTS_KEPT) {
                history.removeFirst();
            }
        }
        results.add(result);
    }

    void complete() {
        synchronized (history) {
            if (completedAt == null) {
                completedAt = Instant.now();
            }
        }
        completed.complete(null);
    }

    /** The client closed its connection: the end of the story when the server had not ended it first. */
    void closedByClient() {
        synchronized (history) {
            if (closedByClientAt == null) {
                closedByClientAt = Instant.now();
            }
        }
    }

    /** This subscription's document, how many results it received, the latest of them, and whether it ended. */
    public List<String> describe() {
        synchronized (history) {
            List<String> lines = new ArrayList<>();
            lines.add("subscription opened " + openedAt + ": " + document.replaceAll("\\s+", " ").strip());
            lines.add("  received " + received + " result(s)"
                    + (received > history.size() ? ", the last " + history.size() + ":" : history.isEmpty() ? "" : ":"));
            history.forEach(result -> lines.add("    " + result));
            if (completedAt != null) {
                lines.add("  ended by the server " + completedAt);
            } else if (closedByClientAt != null) {
                lines.add("  closed by the client " + closedByClientAt);
            } else {
                lines.add("  still open");
            }
            return lines;
        }
    }

    /** The next result, or {@code null} if none comes in time. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        return results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exactly {@code count} results, failing if they do not all come in time. */
    public List<JsonNode> take(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> taken = new ArrayList<>();
        while (taken.size() < count) {
            JsonNode result = results.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (result == null) {
                throw new AssertionError("received " + taken.size() + " of " + count + " results: " + taken);
            }
            taken.add(result);
        }
        return taken;
    }

    /** Every result received and not yet taken, at once. */
    public List<JsonNode> drain() {
        List<JsonNode> drained = new ArrayList<>();
        results.drainTo(drained);
        return drained;
    }

    /** Completes when the server ended the subscription. */
    public CompletableFuture<Void> completed() {
        return completed;
    }
}
