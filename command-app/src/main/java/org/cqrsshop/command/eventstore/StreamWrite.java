package org.cqrsshop.command.eventstore;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Events to append to one stream, which the writer saw at {@code expectedVersion} (0: the stream
 * must not exist yet).
 */
public record StreamWrite(UUID streamId, String streamType, long expectedVersion, List<NewEvent> events) {

    public StreamWrite {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(streamType, "streamType");
        events = List.copyOf(events);
    }
}
