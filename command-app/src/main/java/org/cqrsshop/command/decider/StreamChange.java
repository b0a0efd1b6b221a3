package org.cqrsshop.command.decider;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.cqrsshop.common.event.DomainEvent;

/** New events for one stream, as part of a change that spans several streams. */
public record StreamChange(String streamType, UUID streamId, List<DomainEvent> events) {

    public StreamChange {
        Objects.requireNonNull(streamType, "streamType");
        Objects.requireNonNull(streamId, "streamId");
        events = List.copyOf(events);
    }
}
