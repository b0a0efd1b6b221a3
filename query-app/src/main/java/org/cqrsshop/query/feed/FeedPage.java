package org.cqrsshop.query.feed;

import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;

/**
 * One page of the global feed.
 *
 * @param next the cursor to continue from; opaque
 * @param hasMore whether the page was full, so that more may follow at once
 */
public record FeedPage(List<EventEnvelope> events, String next, boolean hasMore) {}
