package org.cqrsshop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What one subscription received: results ({@code data} and maybe {@code errors}) in arrival order, then its end. */
public final class GraphQLResults {

    private final BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> completed = new CompletableFuture<>();

    void add(JsonNode result) {
        results.add(result);
    }

    void complete() {
        completed.complete(null);
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
