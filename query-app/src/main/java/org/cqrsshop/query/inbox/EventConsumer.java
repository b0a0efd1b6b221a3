package org.cqrsshop.query.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventDecodingException;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.query.change.ViewChange;
import org.cqrsshop.query.change.ViewChanges;
import org.cqrsshop.query.projection.AppliedEvents;
import org.cqrsshop.query.projection.BatchProjection;
import org.cqrsshop.query.projection.ProjectionResult;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewProjector;
import org.cqrsshop.query.projection.ViewProjectors;
import org.cqrsshop.telemetry.LogContext;
import org.cqrsshop.telemetry.TraceParent;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;

/**
 * Feeds a partition's deliveries to the projections, a batch at a time. A delivery counts as
 * settled only once its view is written (or found to hold it already), or once it is safe in the
 * dead-letter queue; only settled deliveries are acknowledged, so a crash at any point means
 * redelivery, never loss. Whatever a batch cannot settle at once goes through the one-event path,
 * which repairs gaps, retries, and dead-letters only the event that keeps failing.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final org.jboss.logmanager.Logger RECORDS =
            org.jboss.logmanager.Logger.getLogger(EventConsumer.class.getName());

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
     * From here on nothing is started and nothing half-done is settled or dead-lettered: an
     * event cut off by the shutdown (MongoDB or Redis closing under it) goes back to the queue
     * for the next consumer, which finds it applied or applies it.
     */
    void stop() {
        this.stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * @param batch deliveries of one partition, in delivery order
     * @return the tags of the deliveries settled; the others must be tried again
     */
    Uni<Set<Long>> consume(List<Delivery> batch) {
        Set<Long> settled = ConcurrentHashMap.newKeySet();
        if (stopping) {
            return Uni.createFrom().item(settled);
        }
        List<Supplier<Uni<Void>>> steps = new ArrayList<>();
        Map<ViewProjector<?>, List<Projecting>> byProjector = new LinkedHashMap<>();
        for (Delivery delivery : batch) {
            EventEnvelope envelope;
            try {
                envelope = EventJson.decodeEnvelope(delivery.body());
            } catch (EventDecodingException poison) {
                steps.add(() -> deadLetter(delivery, "unknown", "not a valid event: " + poison.getMessage(), 1, settled));
                continue;
            }
            ViewProjector<?> projector = projectors.forStreamType(envelope.streamType()).orElse(null);
            if (projector == null) {
                steps.add(() -> deadLetter(delivery, envelope.streamType(),
                        "no projection reads stream type " + envelope.streamType(), 1, settled));
                continue;
            }
            byProjector.computeIfAbsent(projector, any -> new ArrayList<>())
                    .add(new Projecting(delivery, envelope, startSpan(delivery, envelope)));
        }
        byProjector.forEach((projector, events) -> steps.add(() -> projectBatch(projector, events, settled)
                .onTermination().invoke(() -> events.forEach(event -> event.span().end()))));
        return Multi.createFrom().iterable(steps)
                .onItem().transformToUniAndConcatenate(Supplier::get)
                .collect().last()
                .replaceWith(settled);
    }

    /** A delivered event on its way through the projection, with the span that traces it. */
    private record Projecting(Delivery delivery, EventEnvelope envelope, Span span) {

        String streamId() {
            return envelope.streamId().toString();
        }
    }

    private <V extends StreamView> Uni<Void> projectBatch(
            ViewProjector<V> projector, List<Projecting> events, Set<Long> settled) {
        List<EventEnvelope> envelopes = events.stream().map(Projecting::envelope).toList();
        return Uni.createFrom().deferred(() -> projector.projectBatch(envelopes))
                // A fault no outage explains may lie with one event: the one-event path finds which.
                .onFailure(failure -> !stopping && !InfrastructureFailures.isOutage(failure))
                .recoverWithItem(failure -> {
                    LOG.debugf(failure, "A batch of %d %s events failed; they are projected one at a time",
                            events.size(), projector.projection().streamType());
                    return allUnsettled(events);
                })
                .chain(result -> settleWritten(projector, result, events, settled)
                        .chain(() -> projectOneByOne(projector, events, result.unsettled(), settled)))
                .onFailure().recoverWithUni(failure -> waitForOutage(events, failure));
    }

    private static <V extends StreamView> BatchProjection<V> allUnsettled(List<Projecting> events) {
        Set<String> streams = new HashSet<>();
        events.forEach(event -> streams.add(event.streamId()));
        return new BatchProjection<>(Map.of(), Set.of(), streams);
    }

    /** Notices for every view written, all at once, then the deliveries they settle. */
    private <V extends StreamView> Uni<Void> settleWritten(
            ViewProjector<V> projector, BatchProjection<V> result, List<Projecting> events, Set<Long> settled) {
        Map<String, Projecting> lastOfStream = new LinkedHashMap<>();
        events.forEach(event -> lastOfStream.put(event.streamId(), event));
        List<Uni<Void>> notices = new ArrayList<>();
        result.written().forEach((streamId, written) -> {
            Projecting last = lastOfStream.get(streamId);
            notices.add(viewChanges.viewWritten(ViewChange.of(last.envelope(), written, TraceParent.of(last.span()))));
        });
        Uni<Void> noticed = notices.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(notices).andCollectFailures().replaceWithVoid();
        return noticed.invoke(() -> {
            for (Projecting event : events) {
                ProjectionResult<V> written = result.written().get(event.streamId());
                if (written != null) {
                    boolean fresh = event.envelope().streamVersion() > written.previousVersion();
                    settle(event, fresh ? "applied" : "duplicate", fresh, settled);
                } else if (result.duplicates().contains(event.streamId())) {
                    settle(event, "duplicate", false, settled);
                }
            }
        });
    }

    private void settle(Projecting event, String outcome, boolean wroteView, Set<Long> settled) {
        EventEnvelope envelope = event.envelope();
        count(outcome, envelope.streamType());
        event.span().setAttribute("cqrs.projection.outcome", outcome);
        logSettled(envelope, outcome);
        // A duplicate changed nothing, and its position is only what the message claims.
        if (wroteView) {
            applied.record(envelope);
            projectionLag.record(Duration.between(envelope.occurredAt(), Instant.now()));
        }
        settled.add(event.delivery().tag());
    }

    /**
     * The line names the correlation id of the request that caused the event. It is set on the
     * record itself: a batch has many, and the thread's log context belongs to whichever Vert.x
     * context ran there last, which lost it in ObservabilityIT.
     */
    private static void logSettled(EventEnvelope envelope, String outcome) {
        if (!RECORDS.isLoggable(Level.DEBUG)) {
            return;
        }
        ExtLogRecord record = new ExtLogRecord(Level.DEBUG, "%s of %s %s v%d: %s", ExtLogRecord.FormatStyle.PRINTF,
                EventConsumer.class.getName());
        record.setParameters(new Object[] {
            envelope.type().name(), envelope.streamType(), envelope.streamId(), envelope.streamVersion(), outcome});
        record.putMdc(LogContext.CORRELATION_ID, envelope.correlationId().toString());
        RECORDS.log(record);
    }

    private <V extends StreamView> Uni<Void> projectOneByOne(
            ViewProjector<V> projector, List<Projecting> events, Set<String> streams, Set<Long> settled) {
        if (streams.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(events.stream().filter(event -> streams.contains(event.streamId())).toList())
                .onItem().transformToUniAndConcatenate(event -> projectOne(projector, event, settled))
                .collect().last().replaceWithVoid();
    }

    private <V extends StreamView> Uni<Void> projectOne(ViewProjector<V> projector, Projecting event, Set<Long> settled) {
        EventEnvelope envelope = event.envelope();
        return Uni.createFrom().deferred(() -> projector.project(envelope))
                .onFailure(failure -> !stopping && !InfrastructureFailures.isOutage(failure))
                .retry().withBackOff(config.retryBackoff()).atMost(config.maxAttempts() - 1L)
                .call(result -> result.wroteView()
                        ? viewChanges.viewWritten(ViewChange.of(envelope, result, TraceParent.of(event.span())))
                        : Uni.createFrom().voidItem())
                .invoke(result -> settle(event, result.outcome().name().toLowerCase(), result.wroteView(), settled))
                .replaceWithVoid()
                .onFailure(failure -> !stopping && !InfrastructureFailures.isOutage(failure))
                .recoverWithUni(failure -> {
                    LOG.errorf(failure, "Projection of %s %s v%d failed %d times",
                            envelope.streamType(), envelope.streamId(), envelope.streamVersion(), config.maxAttempts());
                    return deadLetter(event.delivery(), envelope.streamType(), String.valueOf(failure.getMessage()),
                            config.maxAttempts(), settled);
                });
    }

    /** Left unsettled: the partition's consumer tries them again after a pause. */
    private Uni<Void> waitForOutage(List<Projecting> events, Throwable failure) {
        if (!stopping) {
            EventEnvelope first = events.get(0).envelope();
            LOG.warnf("Projection of %d %s events waits for an outage to end: %s",
                    events.size(), first.streamType(), failure.getMessage());
            count("waiting", first.streamType());
        }
        return Uni.createFrom().voidItem();
    }

    /** A span under the one the message's {@code traceparent} names: the relay's publish of this event. */
    private Span startSpan(Delivery delivery, EventEnvelope envelope) {
        return tracer.spanBuilder("project " + envelope.type().name())
                .setParent(TraceParent.parentFrom(delivery.header(TraceParent.HEADER)))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.message.id", envelope.eventId().toString())
                .setAttribute("cqrs.stream.id", envelope.streamId().toString())
                .setAttribute("cqrs.stream.version", envelope.streamVersion())
                .setAttribute("cqrs.global.position", envelope.globalPosition())
                .startSpan();
    }

    private Uni<Void> deadLetter(Delivery delivery, String streamType, String reason, int attempts, Set<Long> settled) {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        LOG.errorf("Dead-lettering a %s message: %s", streamType, reason);
        return deadLetters.deadLetter(delivery.body(), delivery.routingKey(), delivery.headers(), reason, attempts)
                .invoke(() -> {
                    count("dead_lettered", streamType);
                    settled.add(delivery.tag());
                })
                .onFailure().recoverWithUni(unsent -> {
                    LOG.warnf(unsent, "Could not dead-letter the message; it is tried again later");
                    return Uni.createFrom().voidItem();
                });
    }

    private void count(String outcome, String streamType) {
        metrics.counter("cqrs.projection.events", "outcome", outcome, "stream_type", streamType).increment();
    }
}
