package org.cqrsshop.query.feed;

import java.time.Instant;

/**
 * The store's end of the log, seen from a reader at some position.
 *
 * @param oldestPendingOccurredAt when the first event the reader lacks happened, or {@code null}
 */
public record FeedHead(long headPosition, long pendingEvents, Instant oldestPendingOccurredAt) {}
