package org.cqrsshop.query.projection;

import org.cqrsshop.common.event.EventEnvelope;

/**
 * The event store's feed does not hold the events that would bridge a gap up to a delivered
 * event. A published event was always committed first, so this message did not come from our
 * relay: it is dead-lettered after its retries rather than applied over a hole.
 */
public class StreamNotInStore extends RuntimeException {

    public StreamNotInStore(EventEnvelope envelope, long viewVersion) {
        super("the event store does not continue %s %s from version %d up to version %d"
                .formatted(envelope.streamType(), envelope.streamId(), viewVersion, envelope.streamVersion()));
    }
}
