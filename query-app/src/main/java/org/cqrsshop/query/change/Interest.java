package org.cqrsshop.query.change;

import java.util.function.Predicate;

/**
 * What one subscription follows: one entity of a kind, or the entities of a kind that a filter on
 * their notices selects.
 *
 * @param streamId the entity followed; {@code null} for every entity the filter selects
 */
public record Interest(String streamType, String streamId, Predicate<ViewChange> filter) {

    public static Interest entity(String streamType, String streamId) {
        return new Interest(streamType, streamId, change -> true);
    }

    public static Interest each(String streamType, Predicate<ViewChange> filter) {
        return new Interest(streamType, null, filter);
    }

    /** A subscription to one entity can catch up from its view; one to many cannot tell what it missed. */
    boolean followsOneEntity() {
        return streamId != null;
    }

    boolean wants(ViewChange change) {
        return change.streamType().equals(streamType)
                && (streamId == null ? filter.test(change) : streamId.equals(change.streamId()));
    }
}
