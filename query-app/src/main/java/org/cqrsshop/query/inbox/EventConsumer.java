package org.cqrsshop.query.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventDecodingException;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.query.change.ViewChange;
import org.cqrsshop.query.change.ViewChanges;
import org.cqrsshop.query.freshness.AppliedEvents;
import org.cqrsshop.query.projection.ViewProjector;
import org.cqrsshop.query.projection.ViewProjectors;
import org.cqrsshop.telemetry.LogContext;
import org.cqrsshop.telemetry.TraceParent;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Feeds published events to the projections, one at a time and in queue order. A message is
 * acknowledged only after its view is written (or found to hold it already), or after it is safe
 * in the dead-letter queue, so a crash at any point means redelivery, never loss.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final ViewProjectors projectors;
    private final ViewChanges viewChanges;
    private final DeadLetterQueue deadLetters;
    private final AppliedEvents applied;
    private final ProjectionConfig config;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private final Timer projectionLag;
    private volatile boolean stopping;

    public EventConsumer(
            ViewProjectors projectors,
            ViewChanges viewChanges,
            DeadLetterQueue deadLetters,
            AppliedEvents applied,
            ProjectionConfig config,
            MeterRegistry metrics,
            Tracer tracer) {
        this.projectors = projectors;
        this.viewChanges = viewChanges;
        this.deadLetters = deadLetters;
        this.applied = applied;
        this.config = config;
        this.metrics = metrics;
        this.tracer = tracer;
        this.projectionLag = Timer.builder("cqrs.projection.lag")
                .description("From a command's acceptance to its event's view written on this replica")
                .publishPercentileHistogram()
                .register(metrics);
    }

    /**
     * From here on nothing is started and nothing half-done is acknowledged or dead-lettered: an
     * event cut off by the shutdown (MongoDB or Redis closing under it) goes back to the queue
     * for the next consumer, which finds it applied or applies it.
     */
    void stopConsuming(@Observes ShutdownEvent stopping) {
        this.stopping = true;
    }

    @Incoming("events-in")
    public Uni<Void> consume(Message<byte[]> message) {
        if (stopping) {
            return requeueNow(message, new IllegalStateException("shutting down"));
        }
        EventEnvelope envelope;
        try {
            envelope = EventJson.decodeEnvelope(message.getPayload());
        } catch (EventDecodingException poison) {
            return deadLetter(message, "unknown", "not a valid event: " + poison.getMessage(), 1);
        }
        ViewProjector<?> projector = projectors.forStreamType(envelope.streamType()).orElse(null);
        if (projector == null) {
            return deadLetter(message, envelope.streamType(), "no projection reads stream type " + envelope.streamType(), 1);
        }
        // Every line logged about this event names the correlation id of the request that caused it.
        MDC.put(LogContext.CORRELATION_ID, envelope.correlationId().toString());
        Span span = startSpan(message, envelope);
        return project(message, envelope, projector, span).onTermination().invoke(span::end);
    }

    private Uni<Void> project(Message<byte[]> message, EventEnvelope envelope, ViewProjector<?> projector, Span span) {
        String traceParent = TraceParent.of(span);
        return Uni.createFrom().deferred(() -> projector.project(envelope))
                .onFailure(failure -> !stopping && !InfrastructureFailures.isOutage(failure))
                .retry().withBackOff(config.retryBackoff()).atMost(config.maxAttempts() - 1L)
                .call(result -> result.wroteView()
                        ? viewChanges.viewWritten(ViewChange.of(envelope, result, traceParent))
                        : Uni.createFrom().voidItem())
                .chain(result -> {
                    String outcome = result.outcome().name().toLowerCase();
                    count(outcome, envelope.streamType());
                    span.setAttribute("cqrs.projection.outcome", outcome);
                    LOG.debugf("%s of %s %s v%d: %s", envelope.type().name(), envelope.streamType(), envelope.streamId(),
                            envelope.streamVersion(), outcome);
                    // A duplicate changed nothing, and its position is only what the message claims.
                    if (result.wroteView()) {
                        applied.record(envelope);
                        projectionLag.record(Duration.between(envelope.occurredAt(), Instant.now()));
                    }
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(failure -> {
                    if (stopping) {
                        return requeueNow(message, failure);
                    }
                    if (InfrastructureFailures.isOutage(failure)) {
                        LOG.warnf("Projection of %s %s v%d waits for an outage to end: %s",
                                envelope.streamType(), envelope.streamId(), envelope.streamVersion(), failure.getMessage());
                        count("waiting", envelope.streamType());
                        return retryLater(message, failure);
                    }
                    LOG.errorf(failure, "Projection of %s %s v%d failed %d times",
                            envelope.streamType(), envelope.streamId(), envelope.streamVersion(), config.maxAttempts());
                    return deadLetter(message, envelope.streamType(), String.valueOf(failure.getMessage()),
                            config.maxAttempts());
                });
    }

    /** A span under the one the message's {@code traceparent} names: the relay's publish of this event. */
    private Span startSpan(Message<byte[]> message, EventEnvelope envelope) {
        Object traceParent = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(incoming -> incoming.getHeaders().get(TraceParent.HEADER))
                .orElse(null);
        return tracer.spanBuilder("project " + envelope.type().name())
                .setParent(TraceParent.parentFrom(traceParent))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.message.id", envelope.eventId().toString())
                .setAttribute("cqrs.stream.id", envelope.streamId().toString())
                .setAttribute("cqrs.stream.version", envelope.streamVersion())
                .setAttribute("cqrs.global.position", envelope.globalPosition())
                .startSpan();
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String streamType, String reason, int attempts) {
        LOG.errorf("Dead-lettering a %s message: %s", streamType, reason);
        IncomingRabbitMQMetadata incoming = message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null);
        String routingKey = incoming == null ? "" : incoming.getRoutingKey();
        Map<String, Object> headers = incoming == null ? Map.of() : incoming.getHeaders();
        return deadLetters.deadLetter(message.getPayload(), routingKey, headers, reason, attempts)
                .invoke(() -> count("dead_lettered", streamType))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(unsent -> {
                    LOG.warnf(unsent, "Could not dead-letter the message; it goes back to the queue");
                    return retryLater(message, unsent);
                });
    }

    private static Uni<Void> requeueNow(Message<byte[]> message, Throwable reason) {
        return Uni.createFrom().completionStage(message.nack(reason, Metadata.of(new RabbitMQRejectMetadata(true))));
    }

    private Uni<Void> retryLater(Message<byte[]> message, Throwable reason) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(config.retryDelay())
                .chain(() -> Uni.createFrom().completionStage(
                        message.nack(reason, Metadata.of(new RabbitMQRejectMetadata(true)))));
    }

    private void count(String outcome, String streamType) {
        metrics.counter("cqrs.projection.events", "outcome", outcome.toLowerCase(), "stream_type", streamType)
                .increment();
    }
}
