package org.cqrsshop.query.change;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.cqrsshop.telemetry.TraceParent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's one ear on the Redis change channel, shared by all of its subscriptions. Each
 * subscription gets the notices it wants in a bounded queue of its own: one that stops taking them
 * is ended when its queue is full, and never holds up the channel, the others or the projections.
 */
@ApplicationScoped
public class ChangeHub {

    private static final Logger LOG = Logger.getLogger(ChangeHub.class);
    /** Notices a subscription holds on their way to its client, beyond its buffer. */
    private static final int HANDED_OVER = 16;

    private final ReactivePubSubCommands<String> pubsub;
    private final String channel;
    private final SubscriptionConfig config;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ReactivePubSubCommands.ReactiveRedisSubscriber> subscriber = new AtomicReference<>();
    private volatile boolean stopped;

    public ChangeHub(ReactiveRedisDataSource redis, @ConfigProperty(name = "cqrs-shop.redis.key-prefix") String prefix,
            SubscriptionConfig config, MeterRegistry meters, Tracer tracer) {
        this.pubsub = redis.pubsub(String.class);
        this.channel = channel(prefix);
        this.config = config;
        this.meters = meters;
        this.tracer = tracer;
        meters.gauge("cqrs.subscriptions.active", listeners, Set::size);
        meters.gauge("cqrs.subscriptions.listening", subscriber, current -> current.get() == null ? 0 : 1);
    }

    /** Whether this replica hears the change channel now; not while Redis is away. */
    public boolean listening() {
        return subscriber.get() != null;
    }

    static String channel(String keyPrefix) {
        return keyPrefix + "changes";
    }

    void start(@Observes StartupEvent started) {
        listen();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        ReactivePubSubCommands.ReactiveRedisSubscriber current = subscriber.getAndSet(null);
        if (current != null) {
            current.unsubscribe().subscribe().with(done -> {}, failure -> {});
        }
        listeners.forEach(listener -> listener.inbox.onComplete());
    }

    /**
     * The notices {@code wanted} selects, from now on. The subscription starts at once, before the
     * returned stream is consumed, so a caller can read what came before without missing any.
     */
    public synchronized Multi<ViewChange> listen(Predicate<ViewChange> wanted) {
        if (listeners.size() >= config.maxActive()) {
            return Multi.createFrom().failure(new SubscriptionLimitReached(config.maxActive()));
        }
        Listener listener = new Listener(wanted, config.bufferSize());
        listeners.add(listener);
        // Off the Redis connection's event loop: rendering and sending one subscription's results
        // must not delay the other subscriptions, nor the cache and notices sharing that loop.
        return listener.inbox.emitOn(Infrastructure.getDefaultExecutor(), HANDED_OVER);
    }

    /** Hands one notice to every subscription that wants it; called on the Redis connection's thread. */
    void deliver(ViewChange change) {
        Instant started = Instant.now();
        int notified = 0;
        for (Listener listener : listeners) {
            if (listener.wanted.test(change)) {
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

    private void listen() {
        if (stopped) {
            return;
        }
        pubsub.subscribe(channel, this::received, this::channelLost, this::channelFailed)
                .subscribe().with(
                        current -> {
                            subscriber.set(current);
                            LOG.infof("Listening for view changes on Redis channel %s", channel);
                        },
                        this::channelFailed);
    }

    private void received(String message) {
        ViewChange change;
        try {
            change = ViewChange.fromJson(message);
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("Ignored a message on %s that is not a change notice: %s", channel, unreadable.getMessage());
            return;
        }
        deliver(change);
    }

    private void channelLost() {
        channelFailed(new IllegalStateException("the Redis connection closed"));
    }

    private void channelFailed(Throwable failure) {
        subscriber.set(null);
        if (stopped) {
            return;
        }
        LOG.warnf("Not listening for view changes (%s); trying again in %s. Subscribers catch up on each entity's"
                + " next change.", failure.toString(), config.reconnectDelay());
        Uni.createFrom().voidItem().onItem().delayIt().by(config.reconnectDelay())
                .subscribe().with(again -> listen());
    }

    /** One subscription's queue of notices not yet handled. */
    private final class Listener {

        final Predicate<ViewChange> wanted;
        final ArrayBlockingQueue<ViewChange> pending;
        final UnicastProcessor<ViewChange> inbox;

        Listener(Predicate<ViewChange> wanted, int capacity) {
            this.wanted = wanted;
            this.pending = new ArrayBlockingQueue<>(capacity);
            this.inbox = UnicastProcessor.create(pending, () -> listeners.remove(this));
        }

        void offer(ViewChange change) {
            if (pending.remainingCapacity() == 0) {
                listeners.remove(this);
                meters.counter("cqrs.subscriptions.closed", "reason", "too_slow").increment();
                int behind = pending.size();
                // The processor would deliver its queue before the failure, which a stuck client never takes.
                pending.clear();
                inbox.onError(new SubscriberTooSlow(behind));
                return;
            }
            inbox.onNext(change);
        }
    }
}
