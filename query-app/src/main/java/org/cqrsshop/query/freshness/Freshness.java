package org.cqrsshop.query.freshness;

import java.time.Instant;

/**
 * How far the read model trails the event store.
 *
 * @param lastAppliedPosition the highest global position any replica has applied
 * @param headPosition the newest event's global position in the store; -1 (like the two lag
 *     figures) when the command-app's feed could not be asked
 * @param lagEvents events in the store past {@code lastAppliedPosition}
 * @param lagMillis how long ago the oldest of those events happened; 0 when there are none
 * @param deadLetters messages waiting in the dead-letter queue, or -1 if the broker could not say
 */
public record Freshness(
        long lastAppliedPosition, long headPosition, long lagEvents, long lagMillis, long deadLetters, Instant measuredAt) {

    static final Freshness UNKNOWN = new Freshness(0, 0, 0, 0, -1, Instant.EPOCH);
}
