package org.cqrsshop.query.change;

import com.mongodb.client.model.Filters;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;
import org.cqrsshop.query.feed.EventFeed;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewCollections;
import org.cqrsshop.query.projection.ViewProjection;

/**
 * The views' changes as GraphQL subscriptions stream them: each state after the read model and
 * the cache hold it, in version order per entity, each version once.
 */
@ApplicationScoped
public class ChangeSubscriptions {

    private final ChangeHub hub;
    private final EventFeed feed;
    private final ViewCollections collections;

    public ChangeSubscriptions(ChangeHub hub, EventFeed feed, ViewCollections collections) {
        this.hub = hub;
        this.feed = feed;
        this.collections = collections;
    }

    /**
     * One entity's changes after {@code afterVersion}: first those the read model already holds,
     * then the live ones. Without {@code afterVersion}, from the read model's current version on.
     */
    public <V extends StreamView> Multi<V> entity(ViewProjection<V> projection, String id, Long afterVersion) {
        return Multi.createFrom().deferred(() -> {
            // Listening starts before the read model is read, so no change falls in between.
            Multi<ViewChange> live = hub.listen(change -> isOf(projection, change) && change.streamId().equals(id));
            ChangeSequence<V> sequence = new ChangeSequence<>(projection, feed);
            Multi<V> missed = collections.live(projection).find(Filters.eq("_id", id)).toUni()
                    .onItem().transformToMulti(current -> {
                        long readModelVersion = current == null ? 0 : current.version;
                        return sequence.resume(id, afterVersion == null ? readModelVersion : afterVersion, readModelVersion);
                    });
            return Multi.createBy().concatenating()
                    .streams(missed, live.onItem().transformToMultiAndConcatenate(sequence::next));
        });
    }

    /** The changes, from now on, of every entity of a kind that {@code wanted} selects. */
    public <V extends StreamView> Multi<V> all(ViewProjection<V> projection, Predicate<ViewChange> wanted) {
        return Multi.createFrom().deferred(() -> {
            ChangeSequence<V> sequence = new ChangeSequence<>(projection, feed);
            return hub.listen(change -> isOf(projection, change) && wanted.test(change))
                    .onItem().transformToMultiAndConcatenate(sequence::next);
        });
    }

    private static boolean isOf(ViewProjection<?> projection, ViewChange change) {
        return change.streamType().equals(projection.streamType());
    }
}
