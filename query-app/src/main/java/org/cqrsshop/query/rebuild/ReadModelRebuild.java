package org.cqrsshop.query.rebuild;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.WriteModel;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.feed.EventFeedClient;
import org.cqrsshop.common.feed.CommittedEvents;
import org.cqrsshop.query.projection.ProjectionStep;
import org.cqrsshop.query.projection.MongoFailures;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewCollections;
import org.cqrsshop.query.projection.ViewProjection;
import org.cqrsshop.query.projection.ViewProjector;
import org.cqrsshop.query.projection.ViewProjectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds every view from the event store while queries go on reading the current ones.
 *
 * <ol>
 *   <li>Replays the catch-up feed from the first event into fresh {@code <collection>_rebuild}
 *       collections, a page at a time, with their indexes in place.
 *   <li>Once a page comes back short (caught up), renames each fresh collection over the live
 *       one; MongoDB swaps a collection in one step, so a query sees the old views or the new,
 *       never a mix within a collection.
 *   <li>Replays the feed once more from where step 1 stopped, through the live, version-guarded
 *       projectors: this picks up whatever the live consumer wrote to the old collections in the
 *       meantime. Everything later arrives through the broker as usual.
 * </ol>
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    private static final String REBUILD_ID = "rebuild";
    private static final String SHADOW_SUFFIX = "_rebuild";
    /** A running rebuild that has not moved for this long is taken to have died with its replica. */
    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final ViewCollections collections;
    private final ViewProjectors projectors;
    private final EventFeedClient feed;
    private final ViewCache cache;
    private final ReactiveMongoCollection<Document> state;
    private final int pageSize;
    private volatile RebuildProgress progress = RebuildProgress.NEVER_RUN;

    public ReadModelRebuild(
            ViewCollections collections,
            ViewProjectors projectors,
            EventFeedClient feed,
            ViewCache cache,
            @ConfigProperty(name = "cqrs-shop.rebuild.page-size") int pageSize) {
        this.collections = collections;
        this.projectors = projectors;
        this.feed = feed;
        this.cache = cache;
        this.state = collections.database().getCollection(ViewCollections.STATE_COLLECTION);
        this.pageSize = pageSize;
    }

    /** Claims the rebuild for this replica and starts it; returns at once with the first progress. */
    public Uni<RebuildProgress> start() {
        Instant now = Instant.now();
        RebuildProgress started = RebuildProgress.started(now);
        return state.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", REBUILD_ID), Filters.or(
                                Filters.ne("state", RebuildState.RUNNING.name()),
                                Filters.lt("heartbeatAt", Date.from(now.minus(STALE_AFTER))))),
                        new Document("$set", started.toDocument()),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .onFailure(MongoFailures::isDuplicateKey).transform(taken -> new RebuildInProgress())
                .map(claimed -> {
                    progress = started;
                    run().subscribe().with(
                            done -> LOG.infof("Read model rebuilt: %d events at %.0f events/s",
                                    progress.eventsApplied(), progress.eventsPerSecond()),
                            failure -> LOG.errorf(failure, "Read model rebuild failed; the previous views stay live"));
                    return started;
                });
    }

    /** The last rebuild's progress, as any replica reports it. */
    public Uni<RebuildProgress> progress() {
        return state.find(Filters.eq("_id", REBUILD_ID)).collect().first().map(RebuildProgress::of);
    }

    private Uni<Void> run() {
        return prepareShadows()
                .chain(this::replayIntoShadows)
                .call(this::swapShadowsIn)
                .call(cache::invalidateAll)
                .chain(this::catchUpLive)
                .chain(() -> record(progress.succeeded(Instant.now())))
                .onFailure().call(failure -> record(progress.failed(Instant.now(), String.valueOf(failure.getMessage()))));
    }

    private Uni<Void> prepareShadows() {
        return forEachProjection(projection -> collections.database().getCollection(shadow(projection)).drop()
                .chain(() -> collections.createIndexes(projection, shadow(projection))));
    }

    /** @return the cursor the replay stopped at */
    private Uni<String> replayIntoShadows() {
        return pagesFrom(null)
                .onItem().transformToUniAndConcatenate(page -> applyToShadows(page.events())
                        .chain(() -> recordPage(page))
                        .replaceWith(page.next()))
                .collect().last();
    }

    /**
     * The feed from {@code after} to its current end, one page at a time, each fetched once the
     * one before has been handled; a page is dropped once handled, so a replay holds one page of
     * events however long the store is.
     */
    private Multi<CommittedEvents> pagesFrom(String after) {
        return Multi.createBy().repeating()
                .uni(() -> new String[] {after},
                        cursor -> feed.page(cursor[0], pageSize).invoke(page -> cursor[0] = page.next()))
                .whilst(CommittedEvents::hasMore);
    }

    private Uni<Void> applyToShadows(List<EventEnvelope> events) {
        Map<String, List<EventEnvelope>> byType = events.stream()
                .collect(Collectors.groupingBy(EventEnvelope::streamType, LinkedHashMap::new, Collectors.toList()));
        return forEachProjection(projection -> {
            List<EventEnvelope> ofType = byType.get(projection.streamType());
            return ofType == null ? Uni.createFrom().voidItem() : applyToShadow(projection, ofType);
        });
    }

    /** One read and one bulk write per page and projection, the projections' batched writer's. */
    private <V extends StreamView> Uni<Void> applyToShadow(ViewProjection<V> projection, List<EventEnvelope> events) {
        ViewProjector<V> projector = projectors.of(projection);
        return projector.projectBatch(collections.named(projection, shadow(projection)), events).invoke(result -> {
            if (!result.unsettled().isEmpty()) {
                // The feed gives every stream without a hole, and nothing else writes to a shadow.
                throw new IllegalStateException("the feed skipped events of %s %s"
                        .formatted(projection.streamType(), result.unsettled()));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> swapShadowsIn() {
        String database = collections.databaseName();
        return forEachProjection(projection -> collections.database().getCollection(shadow(projection))
                .countDocuments()
                .chain(count -> count == 0
                        // Nothing to rename when the store has no such events; the live collection is emptied instead.
                        ? collections.database().getCollection(projection.collection()).deleteMany(new Document())
                                .replaceWithVoid()
                        : collections.adminDatabase().runCommand(new Document("renameCollection",
                                        database + "." + shadow(projection))
                                .append("to", database + "." + projection.collection())
                                .append("dropTarget", true))
                                // Atomic on MongoDB; the stand-in drops and registers in two steps, and a
                                // live write in between makes it refuse, so the rename is tried again.
                                .onFailure().retry().withBackOff(Duration.ofMillis(50)).atMost(5)
                                .replaceWithVoid()));
    }

    private Uni<Void> catchUpLive(String after) {
        return pagesFrom(after)
                .onItem().transformToUniAndConcatenate(page -> Multi.createFrom().iterable(page.events())
                        .onItem().transformToUniAndConcatenate(this::projectLive)
                        .collect().last()
                        .chain(() -> recordPage(page)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> projectLive(EventEnvelope event) {
        return projectors.forStreamType(event.streamType())
                .<Uni<Void>>map(projector -> projector.project(event).replaceWithVoid())
                .orElse(Uni.createFrom().voidItem());
    }

    private Uni<Void> recordPage(CommittedEvents page) {
        return record(progress.applied(page.events().size(), lastPosition(page), Instant.now()));
    }

    private Uni<Void> record(RebuildProgress next) {
        progress = next;
        return state.replaceOne(Filters.eq("_id", REBUILD_ID), next.toDocument()).replaceWithVoid();
    }

    private Uni<Void> forEachProjection(Function<? super ViewProjection<?>, Uni<? extends Void>> step) {
        return Multi.createFrom().iterable(collections.projections())
                .onItem().transformToUniAndConcatenate(step)
                .collect().last().replaceWithVoid();
    }

    private static long lastPosition(CommittedEvents page) {
        return page.events().stream().mapToLong(EventEnvelope::globalPosition).max().orElse(0);
    }

    private static String shadow(ViewProjection<?> projection) {
        return projection.collection() + SHADOW_SUFFIX;
    }

}
