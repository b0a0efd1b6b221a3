package org.cqrsshop.common.feed;

import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;

/**
 * A page of one stream's events from the catch-up feed, in version order.
 *
 * @param hasMore whether the page was full, so that later versions may follow
 */
public record StreamEvents(UUID streamId, List<EventEnvelope> events, boolean hasMore) {

    public StreamEvents {
        events = List.copyOf(events);
    }
}
