package org.cqrsshop.query.change;

import io.smallrye.mutiny.Multi;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.query.feed.EventFeed;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.query.projection.StreamView;
import org.cqrsshop.query.projection.ViewProjection;

/**
 * One subscription's memory of what it delivered: for every entity it follows, every version in
 * order and exactly once, whatever order, overlap or holes the notices come with. A notice that
 * follows on the last delivered version is delivered as it is; the versions a notice skips (a
 * repaired gap, a notice lost while Redis was away, a client coming back) are folded from the
 * event store. Not thread-safe: a subscription feeds it one notice at a time.
 */
final class ChangeSequence<V extends StreamView> {

    private final ViewProjection<V> projection;
    private final EventFeed feed;
    private final Map<String, Long> delivered = new HashMap<>();

    ChangeSequence(ViewProjection<V> projection, EventFeed feed) {
        this.projection = projection;
        this.feed = feed;
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
        // An entity first heard of now is followed from the notice on.
        long last = delivered.getOrDefault(change.streamId(), change.previousVersion());
        if (change.version() <= last) {
            return Multi.createFrom().empty();
        }
        delivered.put(change.streamId(), change.version());
        if (change.version() == last + 1) {
            return Multi.createFrom().item(change.view(projection.viewType()));
        }
        return states(change.streamId(), last, change.version());
    }

    private Multi<V> states(String id, long afterVersion, long upToVersion) {
        return feed.streamEvents(UUID.fromString(id), 0)
                .map(events -> Projections.history(projection, events).stream()
                        .filter(state -> state.version > afterVersion && state.version <= upToVersion)
                        .toList())
                .onItem().transformToMulti(states -> Multi.createFrom().<V>iterable(states));
    }
}
