package org.cqrsshop.query.freshness;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.cqrsshop.query.feed.EventFeedClient;
import org.cqrsshop.common.feed.StoreHead;
import org.cqrsshop.query.inbox.DeadLetterQueue;
import org.cqrsshop.query.projection.AppliedEvents;
import org.cqrsshop.query.projection.ViewCollections;
import org.jboss.logging.Logger;

/**
 * Measures the read model's freshness, on demand and every refresh interval for the metrics.
 * Each replica publishes the highest position it applied to one shared document with {@code $max},
 * so the figures describe the read model as a whole, across replicas and restarts.
 */
@ApplicationScoped
public class FreshnessMonitor {

    private static final Logger LOG = Logger.getLogger(FreshnessMonitor.class);
    private static final String CHECKPOINT_ID = "applied";
    private static final StoreHead UNKNOWN_HEAD = new StoreHead(-1, -1, null);

    private final AppliedEvents applied;
    private final EventFeedClient feed;
    private final DeadLetterQueue deadLetters;
    private final FreshnessConfig config;
    private final Vertx vertx;
    private final ReactiveMongoCollection<Document> state;
    private final AtomicLong published = new AtomicLong(-1);
    private volatile Freshness latest = Freshness.UNKNOWN;
    private long timer = -1;

    public FreshnessMonitor(
            AppliedEvents applied,
            EventFeedClient feed,
            DeadLetterQueue deadLetters,
            FreshnessConfig config,
            Vertx vertx,
            ViewCollections collections) {
        this.applied = applied;
        this.feed = feed;
        this.deadLetters = deadLetters;
        this.config = config;
        this.vertx = vertx;
        this.state = collections.database().getCollection(ViewCollections.STATE_COLLECTION);
    }

    void start(@Observes StartupEvent started, MeterRegistry metrics) {
        Gauge.builder("cqrs.read_model.last_applied_position", () -> latest.lastAppliedPosition())
                .description("Highest global position applied to the read model").register(metrics);
        Gauge.builder("cqrs.read_model.lag.events", () -> latest.lagEvents())
                .description("Events in the store that the read model has not applied").register(metrics);
        Gauge.builder("cqrs.read_model.lag.milliseconds", () -> latest.lagMillis())
                .description("Age of the oldest event the read model has not applied").register(metrics);
        Gauge.builder("cqrs.read_model.dead_letters", () -> latest.deadLetters())
                .description("Messages in the projections' dead-letter queue").register(metrics);
        timer = vertx.setPeriodic(config.refreshInterval().toMillis(), tick -> measure().subscribe().with(
                figures -> {},
                failure -> LOG.debugf("Could not measure the read model's freshness: %s", failure.getMessage())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The figures of the last periodic measure; {@code measuredAt} is the epoch before the first. */
    public Freshness latest() {
        return latest;
    }

    /**
     * The figures now. A source that cannot answer reports -1 for its figures rather than failing
     * the rest: the dead-letter count without RabbitMQ, the head and the lag without the feed.
     */
    public Uni<Freshness> measure() {
        return publishAppliedPosition()
                .chain(this::appliedPosition)
                .chain(position -> Uni.combine().all()
                        .unis(feed.head(position).onFailure().recoverWithItem(UNKNOWN_HEAD),
                                deadLetters.size().onFailure().recoverWithItem(-1L))
                        .with((head, dead) -> {
                            Instant now = Instant.now();
                            if (head == UNKNOWN_HEAD) {
                                return new Freshness(position, -1, -1, -1, dead, now);
                            }
                            long lagMillis = head.oldestPendingOccurredAt() == null
                                    ? 0
                                    : Math.max(0, Duration.between(head.oldestPendingOccurredAt(), now).toMillis());
                            return new Freshness(position, head.headPosition(), head.pendingEvents(), lagMillis, dead, now);
                        }))
                .invoke(figures -> latest = figures);
    }

    private Uni<Void> publishAppliedPosition() {
        long position = applied.highestPosition();
        if (position <= published.get()) {
            return Uni.createFrom().voidItem();
        }
        return state.updateOne(Filters.eq("_id", CHECKPOINT_ID), Updates.max("position", position),
                        new UpdateOptions().upsert(true))
                .invoke(() -> published.accumulateAndGet(position, Math::max))
                .replaceWithVoid();
    }

    private Uni<Long> appliedPosition() {
        return state.find(Filters.eq("_id", CHECKPOINT_ID)).collect().first()
                .map(stored -> stored == null ? 0L : stored.get("position", Number.class).longValue());
    }
}
