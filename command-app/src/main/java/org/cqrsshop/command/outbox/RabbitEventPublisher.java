package org.cqrsshop.command.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.json.EventJson;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes event envelopes to the events exchange. The channel is configured with publisher
 * confirms, so a send completes only once the broker has taken responsibility for the message.
 */
@ApplicationScoped
public class RabbitEventPublisher {

    static final String CHANNEL = "events-out";
    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;

    public RabbitEventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the batch in order and completes when the broker has confirmed every message. All
     * sends go out before any confirm is awaited; one channel keeps them in order.
     */
    public Uni<Void> publish(List<EventEnvelope> batch) {
        List<Uni<Void>> confirms = new ArrayList<>(batch.size());
        for (EventEnvelope envelope : batch) {
            confirms.add(emitter.sendMessage(toMessage(envelope)));
        }
        if (confirms.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(confirms).andFailFast().replaceWithVoid();
    }

    /** Routing keys read {@code <stream type>.<event type>}, e.g. {@code product.ProductCreated}. */
    static String routingKey(EventEnvelope envelope) {
        return envelope.streamType() + "." + envelope.type().name();
    }

    private static Message<byte[]> toMessage(EventEnvelope envelope) {
        EventType<?> type = envelope.type();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey(envelope))
                .withMessageId(envelope.eventId().toString())
                .withCorrelationId(envelope.correlationId().toString())
                .withContentType("application/json")
                .withType(type.name())
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(envelope.occurredAt().atZone(ZoneOffset.UTC))
                .withHeader("schema-version", type.schemaVersion())
                .withHeader("stream-id", envelope.streamId().toString())
                .withHeader("stream-version", envelope.streamVersion())
                .withHeader("global-position", envelope.globalPosition())
                .build();
        return Message.of(EventJson.encodeEnvelope(envelope)).addMetadata(metadata);
    }
}
