package org.cqrsshop.query.projection;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.query.feed.EventFeed;

/**
 * Applies delivered events to one kind of view in MongoDB. Every write is conditional on the
 * version it read, so two consumers racing on one view cannot both win; the loser reads again and
 * usually finds the event already applied. An event that arrives ahead of earlier ones of its
 * stream has the missing ones fetched from the event store's feed, so a gap heals by itself.
 */
public class ViewProjector<V extends StreamView> {

    private static final int MAX_RACES = 3;

    private final ViewProjection<V> projection;
    private final ReactiveMongoCollection<V> views;
    private final EventFeed feed;

    public ViewProjector(ViewProjection<V> projection, ReactiveMongoCollection<V> views, EventFeed feed) {
        this.projection = projection;
        this.views = views;
        this.feed = feed;
    }

    public ViewProjection<V> projection() {
        return projection;
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
