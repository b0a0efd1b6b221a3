package org.cqrsshop.query.change;

import io.smallrye.mutiny.Multi;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.feed.EventFeedClient;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewProjection;

/**
 * One subscription's memory of what it delivered: for every entity it follows, every version in
 * order and exactly once, whatever order, overlap or holes the notices come with. A notice that
 * follows on the last delivered version is delivered as it is; the versions a notice skips (a
 * repaired gap, notices repaid after an outage, a client coming back) are folded from the event
 * store, and so are the states a catch-up found in the view ({@link ViewChange#reached}). Not
 * thread-safe: a subscription feeds it one notice at a time.
 */
final class ChangeSequence<V extends StreamView> {

    private final ViewProjection<V> projection;
    private final EventFeedClient feed;
    private final ViewCache cache;
    private final long followsAfterPosition;
    private final Map<String, Long> delivered = new HashMap<>();

    /**
     * @param followsAfterPosition for a subscription to many entities, the global position it
     *     follows the changes after (see {@link #next}); {@link Long#MAX_VALUE} for one that
     *     {@link #resume resumes} each entity from a version
     */
    ChangeSequence(ViewProjection<V> projection, EventFeedClient feed, ViewCache cache, long followsAfterPosition) {
        this.projection = projection;
        this.feed = feed;
        this.cache = cache;
        this.followsAfterPosition = followsAfterPosition;
    }

    /**
     * Starts following one entity after {@code afterVersion}, delivering at once the versions up
     * to {@code readModelVersion}, the one the read model holds.
     */
    Multi<V> resume(String id, long afterVersion, long readModelVersion) {
        delivered.put(id, Math.max(afterVersion, readModelVersion));
        return readModelVersion > afterVersion ? states(id, afterVersion, readModelVersion) : Multi.createFrom().empty();
    }

    /** The states a notice brings this subscription, none if it delivered them before. */
    Multi<V> next(ViewChange change) {
        String id = change.streamId();
        Long known = delivered.get(id);
        if (known == null && change.previousPosition() > followsAfterPosition) {
            // The first notice of an entity, but not of its first change since this subscription began:
            // the notices before it come late (repaid after an outage), so those states come from the store.
            delivered.put(id, change.version());
            return statesAfterPosition(id, change.version());
        }
        // Otherwise an entity first heard of now is followed from the notice on.
        long last = known == null ? change.previousVersion() : known;
        if (change.version() <= last) {
            return Multi.createFrom().empty();
        }
        delivered.put(id, change.version());
        if (!change.carriesView()) {
            // Read from the view, maybe before its projector dropped the cached copy: dropped here too,
            // so that a query after the notification never reads an older version.
            return cache.invalidate(change.streamType(), id)
                    .onItem().transformToMulti(dropped -> states(id, last, change.version()));
        }
        if (change.version() == last + 1) {
            return Multi.createFrom().item(change.view(projection.viewType()));
        }
        return states(id, last, change.version());
    }

    private Multi<V> states(String id, long afterVersion, long upToVersion) {
        return history(id, state -> state.version > afterVersion && state.version <= upToVersion);
    }

    private Multi<V> statesAfterPosition(String id, long upToVersion) {
        return history(id, state -> state.lastPosition > followsAfterPosition && state.version <= upToVersion);
    }

    private Multi<V> history(String id, Predicate<V> wanted) {
        return feed.streamEvents(UUID.fromString(id), 0)
                .map(events -> Projections.history(projection, events).stream().filter(wanted).toList())
                .onItem().transformToMulti(states -> Multi.createFrom().<V>iterable(states));
    }
}
