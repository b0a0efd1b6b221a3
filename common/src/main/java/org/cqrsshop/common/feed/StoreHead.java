package org.cqrsshop.common.feed;

import java.time.Instant;

/**
 * The store's end of the log, seen from a reader that has applied up to some global position.
 *
 * @param oldestPendingOccurredAt when the first event the reader lacks happened, or {@code null}
 *     when it lacks none
 */
public record StoreHead(long headPosition, long pendingEvents, Instant oldestPendingOccurredAt) {}
