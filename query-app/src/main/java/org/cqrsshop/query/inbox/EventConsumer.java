package org.cqrsshop.query.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventDecodingException;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.query.product.ProductProjector;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Feeds published events to the projections, one at a time and in queue order. A message is
 * acknowledged only after its view is written (or found to hold it already), so a crash at any
 * point means redelivery, never loss.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final ProductProjector products;
    private final ProjectionConfig config;
    private final MeterRegistry metrics;

    public EventConsumer(ProductProjector products, ProjectionConfig config, MeterRegistry metrics) {
        this.products = products;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming("events-in")
    public Uni<Void> consume(Message<byte[]> message) {
        EventEnvelope envelope;
        try {
            envelope = EventJson.decodeEnvelope(message.getPayload());
        } catch (EventDecodingException poison) {
            LOG.errorf(poison, "Dead-lettering a message that is not a valid event");
            count(ProjectionOutcome.POISON, "unknown");
            return reject(message, poison, false);
        }
        return project(envelope)
                .invoke(outcome -> count(outcome, envelope.streamType()))
                .chain(outcome -> {
                    if (outcome == ProjectionOutcome.POISON) {
                        LOG.errorf("Dead-lettering %s %s: no projection handles its stream type",
                                envelope.streamType(), envelope.streamId());
                        return reject(message, new IllegalArgumentException("unprojected stream type"), false);
                    }
                    if (outcome == ProjectionOutcome.GAP) {
                        LOG.warnf("%s %s v%d arrived before an earlier event of its stream; it goes back to the queue",
                                envelope.streamType(), envelope.streamId(), envelope.streamVersion());
                        return retryLater(message, new IllegalStateException("gap before this event"));
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "Projection of %s %s v%d failed; it goes back to the queue",
                            envelope.streamType(), envelope.streamId(), envelope.streamVersion());
                    return retryLater(message, failure);
                });
    }

    private Uni<ProjectionOutcome> project(EventEnvelope envelope) {
        if (EventTypes.PRODUCT_STREAM.equals(envelope.streamType())) {
            return products.project(envelope);
        }
        // The queue is bound to the stream types we project; anything else was bound by mistake.
        return Uni.createFrom().item(ProjectionOutcome.POISON);
    }

    private Uni<Void> retryLater(Message<byte[]> message, Throwable reason) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(config.retryDelay())
                .chain(() -> reject(message, reason, true));
    }

    private static Uni<Void> reject(Message<byte[]> message, Throwable reason, boolean requeue) {
        return Uni.createFrom().completionStage(message.nack(reason, Metadata.of(new RabbitMQRejectMetadata(requeue))));
    }

    private void count(ProjectionOutcome outcome, String streamType) {
        metrics.counter("cqrs.projection.events", "outcome", outcome.name().toLowerCase(), "stream_type", streamType)
                .increment();
    }
}
