package org.cqrsshop.command.eventstore;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.cqrsshop.common.event.DomainEvent;

/** An event about to be appended, with the metadata it will be stored with. */
public record NewEvent(
        UUID eventId, DomainEvent event, Instant occurredAt, UUID correlationId, UUID causationId, String actor) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
    }
}
