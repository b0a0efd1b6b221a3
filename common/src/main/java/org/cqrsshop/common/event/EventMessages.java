package org.cqrsshop.common.event;

/**
 * How an event travels as a RabbitMQ message: the part of the contract the relay writes and the
 * projections' topology reads.
 */
public final class EventMessages {

    /**
     * The header that names the event's stream. The query-app's partitions hash on it, so every
     * event of one stream lands in one partition, in order; a message without it reaches no
     * partition.
     */
    public static final String STREAM_ID_HEADER = "stream-id";

    private EventMessages() {}

    /** {@code <stream type>.<event type>}, e.g. {@code product.ProductCreated}. */
    public static String routingKey(EventEnvelope envelope) {
        return envelope.streamType() + "." + envelope.type().name();
    }
}
