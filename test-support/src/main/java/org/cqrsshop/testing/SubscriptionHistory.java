package org.cqrsshop.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The subscriptions opened lately in this JVM, each with the last results it received, so that a
 * failed test can print what its subscribers actually saw. Bounded on both counts: a test opening
 * hundreds of subscriptions, or one receiving thousands of results, keeps only the latest.
 */
public final class SubscriptionHistory {

    /** How many of the latest subscriptions are kept. */
    public static final int SUBSCRIPTIONS_KEPT = 20;
    /** How many of the latest results each subscription keeps. */
    public static final int RESULTS_KEPT = 30;

    private static final Deque<GraphQLResults> RECENT = new ArrayDeque<>();

    private SubscriptionHistory() {}

    static synchronized void opened(GraphQLResults results) {
        RECENT.addLast(results);
        while (RECENT.size() > SUBSCRIPTIONS_KEPT) {
            RECENT.removeFirst();
        }
    }

    /** The subscriptions opened since the last {@link #forget()}, oldest first. */
    public static synchronized List<GraphQLResults> recent() {
        return new ArrayList<>(RECENT);
    }

    /** Starts afresh, so that one test's subscriptions do not appear in another's story. */
    public static synchronized void forget() {
        RECENT.clear();
    }

    /** What each recent subscription received, as lines of text; one line saying so if there were none. */
    public static List<String> describe() {
        List<GraphQLResults> recent = recent();
        if (recent.isEmpty()) {
            return List.of("(no subscription was opened)");
        }
        List<String> lines = new ArrayList<>();
        for (GraphQLResults results : recent) {
            lines.addAll(results.describe());
        }
        return lines;
    }
}
