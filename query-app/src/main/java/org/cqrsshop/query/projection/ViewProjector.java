package org.cqrsshop.query.projection;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.query.feed.EventFeedClient;

/**
 * Applies delivered events to one kind of view in MongoDB. Every write is conditional on the
 * version it read, so two consumers racing on one view cannot both win; the loser reads again and
 * usually finds the event already applied. An event that arrives ahead of earlier ones of its
 * stream has the missing ones fetched from the event store's feed, so a gap heals by itself.
 *
 * <p>A batch of events takes one read of every view it touches and one unordered bulk write of
 * the same conditional writes; whatever a batch cannot settle (a gap, a lost race) is left for
 * the one-event path, which repairs and retries.
 */
public class ViewProjector<V extends StreamView> {

    private static final int MAX_RACES = 3;

    private final ViewProjection<V> projection;
    private final ReactiveMongoCollection<V> views;
    private final EventFeedClient feed;

    public ViewProjector(ViewProjection<V> projection, ReactiveMongoCollection<V> views, EventFeedClient feed) {
        this.projection = projection;
        this.views = views;
        this.feed = feed;
    }

    public ViewProjection<V> projection() {
        return projection;
    }

    ReactiveMongoCollection<V> liveViews() {
        return views;
    }

    /**
     * Folds each stream's events into its view and writes every view that changed at once.
     *
     * @param events events of this projection's stream type, of any streams, in delivery order
     */
    public Uni<BatchProjection<V>> projectBatch(List<EventEnvelope> events) {
        return projectBatch(views, events);
    }

    /** The same batch, into another collection of these views, such as a rebuild's shadow. */
    public Uni<BatchProjection<V>> projectBatch(ReactiveMongoCollection<V> target, List<EventEnvelope> events) {
        Map<String, List<EventEnvelope>> byStream = events.stream().collect(Collectors.groupingBy(
                event -> event.streamId().toString(), LinkedHashMap::new, Collectors.toList()));
        return target.find(Filters.in("_id", byStream.keySet())).collect().asList().chain(found -> {
            Map<String, V> current = found.stream().collect(Collectors.toMap(view -> view.id, Function.identity()));
            Map<String, ProjectionResult<V>> written = new LinkedHashMap<>();
            Set<String> duplicates = new HashSet<>();
            Set<String> unsettled = new HashSet<>();
            byStream.forEach((streamId, streamEvents) -> {
                ProjectionStep<V> step = Projections.step(projection, current.get(streamId), streamEvents);
                if (step instanceof ProjectionStep.Apply<V> apply) {
                    written.put(streamId, new ProjectionResult<>(
                            ProjectionOutcome.APPLIED, apply.next(), apply.previousVersion(), apply.previousPosition()));
                } else if (step instanceof ProjectionStep.AlreadyApplied<V>) {
                    duplicates.add(streamId);
                } else {
                    unsettled.add(streamId);
                }
            });
            return writeAll(target, written)
                    .map(lost -> {
                        lost.forEach(written::remove);
                        unsettled.addAll(lost);
                        return new BatchProjection<>(written, duplicates, unsettled);
                    });
        });
    }

    /**
     * Each write replaces the view only at the version it was read at; an upsert makes the first
     * one. A view another writer changed meanwhile fails its upsert on {@code _id}.
     *
     * @return the streams whose write lost to another writer
     */
    Uni<Set<String>> writeAll(ReactiveMongoCollection<V> target, Map<String, ProjectionResult<V>> written) {
        if (written.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> order = new ArrayList<>(written.keySet());
        List<WriteModel<V>> writes = new ArrayList<>(order.size());
        for (String streamId : order) {
            ProjectionResult<V> result = written.get(streamId);
            writes.add(new ReplaceOneModel<>(
                    Filters.and(Filters.eq("_id", streamId), Filters.eq("version", result.previousVersion())),
                    result.view(), new ReplaceOptions().upsert(true)));
        }
        return target.bulkWrite(writes, new BulkWriteOptions().ordered(false))
                .replaceWith(Set.<String>of())
                .onFailure(MongoBulkWriteException.class).recoverWithUni(failure -> {
                    MongoBulkWriteException bulk = (MongoBulkWriteException) failure;
                    if (bulk.getWriteConcernError() != null) {
                        return Uni.createFrom().failure(bulk);
                    }
                    Set<String> lost = new HashSet<>();
                    for (BulkWriteError error : bulk.getWriteErrors()) {
                        lost.add(order.get(error.getIndex()));
                    }
                    return Uni.createFrom().item(lost);
                });
    }

    public Uni<ProjectionResult<V>> project(EventEnvelope envelope) {
        return project(envelope, 1);
    }

    private Uni<ProjectionResult<V>> project(EventEnvelope envelope, int attempt) {
        return views.find(Filters.eq("_id", envelope.streamId().toString())).toUni().chain(current -> {
            ProjectionStep<V> step = Projections.step(projection, current, List.of(envelope));
            if (step instanceof ProjectionStep.AlreadyApplied<V> applied) {
                return Uni.createFrom().item(ProjectionResult.duplicate(applied.viewVersion()));
            }
            if (step instanceof ProjectionStep.Apply<V> apply) {
                return write(apply, ProjectionOutcome.APPLIED, envelope, attempt);
            }
            return repairGap(current, envelope, attempt);
        });
    }

    private Uni<ProjectionResult<V>> repairGap(V current, EventEnvelope envelope, int attempt) {
        long viewVersion = current == null ? 0 : current.version;
        return feed.streamEvents(envelope.streamId(), viewVersion).chain(missing -> {
            ProjectionStep<V> step = Projections.step(projection, current, missing);
            if (step instanceof ProjectionStep.Apply<V> apply && apply.next().version >= envelope.streamVersion()) {
                return write(apply, ProjectionOutcome.REPAIRED, envelope, attempt);
            }
            return Uni.createFrom().failure(new StreamNotInStore(envelope, viewVersion));
        });
    }

    private Uni<ProjectionResult<V>> write(
            ProjectionStep.Apply<V> apply, ProjectionOutcome outcome, EventEnvelope envelope, int attempt) {
        return conditionalWrite(apply).chain(won -> {
            if (won) {
                return Uni.createFrom().item(new ProjectionResult<>(outcome, apply.next(), apply.previousVersion(), apply.previousPosition()));
            }
            if (attempt >= MAX_RACES) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "lost " + attempt + " races writing " + projection.streamType() + " " + envelope.streamId()));
            }
            return project(envelope, attempt + 1);
        });
    }

    /** @return false if another writer changed the view since it was read */
    private Uni<Boolean> conditionalWrite(ProjectionStep.Apply<V> apply) {
        if (apply.previousVersion() == 0) {
            return views.insertOne(apply.next()).replaceWith(true)
                    .onFailure(MongoFailures::isDuplicateKey).recoverWithItem(false);
        }
        return views.replaceOne(
                        Filters.and(Filters.eq("_id", apply.next().id), Filters.eq("version", apply.previousVersion())),
                        apply.next())
                .map(result -> result.getMatchedCount() == 1);
    }
}
