package org.cqrsshop.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A committed event as it leaves the event store: the payload plus where it sits in its stream
 * and in the global log, and why it happened.
 *
 * @param eventId unique id of this event; consumers may use it to recognise redeliveries
 * @param streamId id of the aggregate the event belongs to
 * @param streamType kind of aggregate, e.g. {@code product}
 * @param streamVersion position within the stream, starting at 1 with no gaps
 * @param globalPosition position in the store's global log; unique, increasing, but it may have
 *     holes (rolled-back transactions) and is not the publication order across transactions
 * @param occurredAt when the command that caused the event was accepted
 * @param correlationId id shared by everything caused by one client request
 * @param causationId id of the message (command or event) that directly caused this event
 * @param actor who issued the command, or {@code null} when nobody is signed in
 * @param event the payload; its wire name and schema version come from {@link EventTypes}
 */
public record EventEnvelope(
        UUID eventId,
        UUID streamId,
        String streamType,
        long streamVersion,
        long globalPosition,
        Instant occurredAt,
        UUID correlationId,
        UUID causationId,
        String actor,
        DomainEvent event) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(streamType, "streamType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(event, "event");
        if (streamVersion < 1) {
            throw new IllegalArgumentException("stream versions start at 1");
        }
    }

    public EventType<?> type() {
        return EventTypes.of(event);
    }
}
