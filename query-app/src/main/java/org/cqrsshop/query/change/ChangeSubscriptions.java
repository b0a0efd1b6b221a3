package org.cqrsshop.query.change;

import com.mongodb.client.model.Filters;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.feed.EventFeedClient;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewCollections;
import org.cqrsshop.query.projection.ViewProjection;

/**
 * The views' changes as GraphQL subscriptions stream them: each state after the read model and
 * the cache hold it, in version order per entity, each version once, and each only when the
 * client's socket can take it. Call these while the subscribing request is current.
 */
@ApplicationScoped
public class ChangeSubscriptions {

    private final ChangeHub hub;
    private final EventFeedClient feed;
    private final ViewCollections collections;
    private final ViewCache cache;
    private final CurrentVertxRequest request;

    public ChangeSubscriptions(ChangeHub hub, EventFeedClient feed, ViewCollections collections, ViewCache cache,
            CurrentVertxRequest request) {
        this.hub = hub;
        this.feed = feed;
        this.collections = collections;
        this.cache = cache;
        this.request = request;
    }

    /**
     * One entity's changes after {@code afterVersion}: first those the read model already holds,
     * then the live ones. Without {@code afterVersion}, from the read model's current version on.
     */
    public <V extends StreamView> Multi<V> entity(ViewProjection<V> projection, String id, Long afterVersion) {
        SubscriberSocket socket = SubscriberSocket.of(request);
        return Multi.createFrom().deferred(() -> {
            // Listening starts before the read model is read, so no change falls in between.
            Multi<ViewChange> live = hub.listen(Interest.entity(projection.streamType(), id));
            ChangeSequence<V> sequence = new ChangeSequence<>(projection, feed, cache, Long.MAX_VALUE);
            Multi<V> missed = collections.live(projection).find(Filters.eq("_id", id)).toUni()
                    .onItem().transformToMulti(current -> {
                        long readModelVersion = current == null ? 0 : current.version;
                        return sequence.resume(id, afterVersion == null ? readModelVersion : afterVersion, readModelVersion);
                    });
            return Multi.createBy().concatenating()
                    .streams(missed, live.onItem().transformToMultiAndConcatenate(sequence::next));
        }).onItem().transformToUniAndConcatenate(socket::whenWritable);
    }

    /**
     * The changes, from now on, of every entity of a kind that {@code wanted} selects: those made
     * by events after the last one this replica had heard of.
     */
    public <V extends StreamView> Multi<V> all(ViewProjection<V> projection, Predicate<ViewChange> wanted) {
        SubscriberSocket socket = SubscriberSocket.of(request);
        return Multi.createFrom().deferred(() -> {
            ChangeSequence<V> sequence = new ChangeSequence<>(projection, feed, cache, hub.positionHeard());
            return hub.listen(Interest.each(projection.streamType(), wanted))
                    .onItem().transformToMultiAndConcatenate(sequence::next);
        }).onItem().transformToUniAndConcatenate(socket::whenWritable);
    }
}
