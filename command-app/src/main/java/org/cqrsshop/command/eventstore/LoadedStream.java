package org.cqrsshop.command.eventstore;

import java.util.List;
import java.util.UUID;
import org.cqrsshop.common.event.DomainEvent;

/** A stream's events in order, and the version of the last one (0 for an empty stream). */
public record LoadedStream(UUID streamId, List<DomainEvent> events, long version) {

    public LoadedStream {
        events = List.copyOf(events);
    }
}
