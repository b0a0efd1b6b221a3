package org.cqrsshop.query.change;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.bson.Document;
import org.cqrsshop.query.projection.ViewCollections;
import org.cqrsshop.query.projection.ViewProjection;
import org.cqrsshop.query.redis.OutageLog;
import org.cqrsshop.telemetry.TraceParent;
import org.jboss.logging.Logger;

/**
 * This replica's one reader of the change log ({@link ChangeLog}), shared by all of its
 * subscriptions. Each subscription gets the notices it wants in a bounded queue of its own: one
 * that stops taking them is ended when its queue is full, and never holds up the log, the others
 * or the projections. Its results wait while its client's socket cannot take more
 * ({@link SubscriberSocket}), so a client that stops reading fills that queue too.
 *
 * <p>After Redis failed, the reader takes up after the last entry it read. Where notices may have
 * been lost (the log no longer holds that entry, or a replica marked a gap), subscriptions to one
 * entity catch up from the views and the others are ended with SUBSCRIPTION_INTERRUPTED: only a
 * client can re-read a whole list.
 */
@ApplicationScoped
public class ChangeHub {

    private static final Logger LOG = Logger.getLogger(ChangeHub.class);
    /** Notices a subscription holds on their way to its client, beyond its buffer. */
    private static final int HANDED_OVER = 16;

    private final ChangeLog log;
    private final ViewCollections collections;
    private final SubscriptionConfig config;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final Vertx vertx;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reading = new AtomicBoolean();
    /** The highest global position of the events whose notices this replica heard. */
    private final AtomicLong positionHeard = new AtomicLong();
    private final OutageLog outages = new OutageLog(LOG,
            "Not reading the change log on Redis (%s); trying again every second, from the last notice read",
            "Reading the change log on Redis again");
    /** The id of the last log entry this replica read; {@code null} until it knows where the log ends. */
    private volatile String lastRead;
    private volatile Cancellable catchUps;
    /**
     * Where the reader and the catch-ups hand notices over: a context of their own, off any
     * request, and a duplicated one, which what a subscription does next (Panache reads) needs.
     */
    private volatile Context readerContext;
    private volatile boolean stopped;

    public ChangeHub(ChangeLog log, ViewCollections collections, SubscriptionConfig config, MeterRegistry meters,
            Tracer tracer, Vertx vertx) {
        this.log = log;
        this.collections = collections;
        this.config = config;
        this.meters = meters;
        this.tracer = tracer;
        this.vertx = vertx;
        meters.gauge("cqrs.subscriptions.active", listeners, Set::size);
        meters.gauge("cqrs.subscriptions.listening", reading, current -> current.get() ? 1 : 0);
    }

    /**
     * The highest global position of an event whose notice this replica heard: a subscription to
     * many entities starting now follows the changes after it.
     */
    public long positionHeard() {
        return positionHeard.get();
    }

    /** Whether this replica reads the change log now; not while Redis is away. */
    public boolean listening() {
        return reading.get();
    }

    void start(@Observes StartupEvent started) {
        readerContext = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        readerContext.runOnContext(ignored -> resume());
        catchUps = Multi.createFrom().ticks().every(config.catchUpInterval())
                .subscribe().with(tick -> readerContext.runOnContext(ignored -> catchUp(false)),
                        failure -> LOG.warn("Periodic catch-up stopped", failure));
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (catchUps != null) {
            catchUps.cancel();
        }
        listeners.forEach(listener -> listener.inbox.onComplete());
    }

    /**
     * The notices of what {@code interest} follows, from now on. The subscription starts at once,
     * before the returned stream is consumed, so a caller can read what came before without
     * missing any.
     */
    public synchronized Multi<ViewChange> listen(Interest interest) {
        if (listeners.size() >= config.maxActive()) {
            return Multi.createFrom().failure(new SubscriptionLimitReached(config.maxActive()));
        }
        Listener listener = new Listener(interest, config.bufferSize());
        listeners.add(listener);
        // Off the Redis connection's event loop: rendering and sending one subscription's results
        // must not delay the other subscriptions, nor the cache and notices sharing that loop.
        return listener.inbox.emitOn(Infrastructure.getDefaultExecutor(), HANDED_OVER);
    }

    /** Hands one notice to every subscription that wants it; called on the Redis connection's thread. */
    void deliver(ViewChange change) {
        Instant started = Instant.now();
        positionHeard.accumulateAndGet(change.position(), Math::max);
        int notified = 0;
        for (Listener listener : listeners) {
            if (listener.interest.wants(change)) {
                listener.offer(change);
                notified++;
            }
        }
        if (notified > 0 && change.traceParent() != null) {
            // The last step of the trace that began with the mutation; notices nobody wanted leave none.
            tracer.spanBuilder("notify subscribers")
                    .setParent(TraceParent.parentFrom(change.traceParent()))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setStartTimestamp(started)
                    .setAttribute("cqrs.stream.id", change.streamId())
                    .setAttribute("cqrs.stream.version", change.version())
                    .setAttribute("cqrs.subscriptions.notified", notified)
                    .startSpan()
                    .end();
        }
    }

    /**
     * Makes every subscription to one entity check the view for versions it has not delivered;
     * with {@code noticesLost}, ends the others, which cannot tell what they missed.
     */
    void catchUp(boolean noticesLost) {
        if (noticesLost) {
            listeners.stream().filter(listener -> !listener.interest.followsOneEntity()).forEach(Listener::interrupt);
        }
        Map<String, List<Listener>> byType = listeners.stream().filter(listener -> listener.interest.followsOneEntity())
                .collect(Collectors.groupingBy(listener -> listener.interest.streamType()));
        byType.forEach((streamType, following) -> collections.projections().stream()
                .filter(projection -> projection.streamType().equals(streamType)).findFirst()
                .ifPresent(projection -> catchUp(projection, following)));
    }

    private void catchUp(ViewProjection<?> projection, List<Listener> following) {
        Map<String, List<Listener>> byId = following.stream()
                .collect(Collectors.groupingBy(listener -> listener.interest.streamId()));
        collections.database().getCollection(projection.collection())
                .find(Filters.in("_id", byId.keySet()), new FindOptions().projection(Projections.include("version")))
                .subscribe().with(
                        view -> {
                            ViewChange reached = ViewChange.reached(projection.streamType(), view.getString("_id"),
                                    ((Number) view.get("version")).longValue());
                            List<Listener> waiting = byId.getOrDefault(reached.streamId(), List.of());
                            readerContext.runOnContext(ignored -> waiting.forEach(listener -> listener.offer(reached)));
                        },
                        failure -> LOG.debugf("A catch-up of %s subscriptions could not read the views: %s",
                                projection.streamType(), failure));
    }

    private void resume() {
        if (stopped) {
            return;
        }
        if (lastRead == null) {
            log.newest().subscribe().with(newest -> {
                lastRead = newest.id();
                if (!newest.marksGap()) {
                    readable(newest).ifPresent(change -> positionHeard.accumulateAndGet(change.position(), Math::max));
                }
                read();
            }, this::lost);
            return;
        }
        String resumeAfter = lastRead;
        log.holds(resumeAfter).subscribe().with(held -> {
            read();
            if (!held && !ChangeLog.START.equals(resumeAfter)) {
                LOG.warnf("The change log no longer holds the last notice this replica read (%s): notices may be"
                        + " lost, so subscriptions catch up from the views", resumeAfter);
                catchUp(true);
            }
        }, this::lost);
    }

    private void read() {
        if (stopped) {
            return;
        }
        log.readAfter(lastRead).subscribe().with(entries -> {
            if (reading.compareAndSet(false, true)) {
                outages.succeeded();
                LOG.debugf("Reading the change log after %s", lastRead);
            }
            entries.forEach(this::received);
            read();
        }, this::lost);
    }

    private void received(ChangeLog.Entry entry) {
        lastRead = entry.id();
        if (entry.marksGap()) {
            LOG.warn("A replica could not keep every notice Redis refused; subscriptions catch up from the views");
            catchUp(true);
            return;
        }
        readable(entry).ifPresent(this::deliver);
    }

    private static Optional<ViewChange> readable(ChangeLog.Entry entry) {
        try {
            return Optional.of(ViewChange.fromJson(entry.notice()));
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("Ignored an entry of the change log that is not a change notice: %s", unreadable.getMessage());
            return Optional.empty();
        }
    }

    private void lost(Throwable failure) {
        reading.set(false);
        if (stopped) {
            return;
        }
        outages.failed(failure);
        vertx.setTimer(config.reconnectDelay().toMillis(), again -> readerContext.runOnContext(ignored -> resume()));
    }

    /** One subscription's queue of notices not yet handled. */
    private final class Listener {

        final Interest interest;
        final ArrayBlockingQueue<ViewChange> pending;
        final UnicastProcessor<ViewChange> inbox;

        Listener(Interest interest, int capacity) {
            this.interest = interest;
            this.pending = new ArrayBlockingQueue<>(capacity);
            this.inbox = UnicastProcessor.create(pending, () -> listeners.remove(this));
        }

        synchronized void offer(ViewChange change) {
            if (!listeners.contains(this)) {
                return;
            }
            if (pending.remainingCapacity() == 0) {
                end("too_slow", new SubscriberTooSlow(pending.size()));
                return;
            }
            inbox.onNext(change);
        }

        synchronized void interrupt() {
            if (listeners.contains(this)) {
                end("interrupted", new SubscriptionInterrupted());
            }
        }

        private void end(String reason, RuntimeException why) {
            // Counted before it leaves the active gauge: whoever sees it gone also sees why.
            meters.counter("cqrs.subscriptions.closed", "reason", reason).increment();
            listeners.remove(this);
            // The processor would deliver its queue before the failure, which a stuck client never takes.
            pending.clear();
            inbox.onError(why);
        }
    }
}
