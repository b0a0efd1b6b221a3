package org.cqrsshop.common.feed;

import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;

/**
 * A page of the global log from the catch-up feed, in the order transactions committed.
 *
 * @param next where to continue from: opaque, only ever handed back to the feed
 * @param hasMore whether the page was full, so that more may follow at once
 */
public record CommittedEvents(List<EventEnvelope> events, String next, boolean hasMore) {

    public CommittedEvents {
        events = List.copyOf(events);
    }
}
