package org.cqrsshop.command.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventMessages;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.telemetry.TraceParent;
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
    private final Tracer tracer;
    private final Clock clock;
    private final Timer publishLag;

    public RabbitEventPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, Tracer tracer, Clock clock,
            MeterRegistry meters) {
        this.emitter = emitter;
        this.tracer = tracer;
        this.clock = clock;
        this.publishLag = Timer.builder("cqrs.relay.publish.lag")
                .description("From a command's acceptance to the broker's confirm of one of its events")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * Sends the batch in order and completes when the broker has confirmed every message. All
     * sends go out before any confirm is awaited; one channel keeps them in order.
     */
    public Uni<Void> publish(List<RelayedEvent> batch) {
        List<Uni<Void>> confirms = new ArrayList<>(batch.size());
        for (RelayedEvent event : batch) {
            confirms.add(send(event));
        }
        if (confirms.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(confirms).andFailFast().replaceWithVoid();
    }

    /** One message, in a span that continues the trace of the append and ends with the confirm. */
    private Uni<Void> send(RelayedEvent event) {
        EventEnvelope envelope = event.envelope();
        Span span = tracer.spanBuilder("publish " + envelope.type().name())
                .setParent(TraceParent.parentFrom(event.traceParent()))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.rabbitmq.destination.routing_key", EventMessages.routingKey(envelope))
                .setAttribute("messaging.message.id", envelope.eventId().toString())
                .setAttribute("cqrs.stream.id", envelope.streamId().toString())
                .setAttribute("cqrs.stream.version", envelope.streamVersion())
                .setAttribute("cqrs.global.position", envelope.globalPosition())
                .startSpan();
        // With tracing off here, the append's own context still travels on, for a read side that traces.
        String traceParent = span.getSpanContext().isValid()
                ? TraceParent.of(span)
                : event.traceParent();
        return emitter.sendMessage(toMessage(envelope, traceParent)).onItemOrFailure().invoke((confirmed, failure) -> {
            if (failure == null) {
                publishLag.record(Duration.between(envelope.occurredAt(), clock.instant()));
            } else {
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        });
    }

    private static Message<byte[]> toMessage(EventEnvelope envelope, String traceParent) {
        EventType<?> type = envelope.type();
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(EventMessages.routingKey(envelope))
                .withMessageId(envelope.eventId().toString())
                .withCorrelationId(envelope.correlationId().toString())
                .withContentType("application/json")
                .withType(type.name())
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(envelope.occurredAt().atZone(ZoneOffset.UTC))
                .withHeader("schema-version", type.schemaVersion())
                .withHeader(EventMessages.STREAM_ID_HEADER, envelope.streamId().toString())
                .withHeader("stream-version", envelope.streamVersion())
                .withHeader("global-position", envelope.globalPosition());
        if (traceParent != null) {
            metadata.withHeader(TraceParent.HEADER, traceParent);
        }
        return Message.of(EventJson.encodeEnvelope(envelope)).addMetadata(metadata.build());
    }
}
