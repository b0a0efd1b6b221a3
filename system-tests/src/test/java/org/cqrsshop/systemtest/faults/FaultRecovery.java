package org.cqrsshop.systemtest.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one fault did and how the system came back from it, without anyone's help.
 *
 * <p>Recovery is measured from {@code backAt}, the moment the faulty part was available again (the
 * restarted process answered its readiness probe, the broker or database accepted connections,
 * the MongoDB server listened again), to two things: the first command acknowledged after it, and
 * the first moment the read model held every event committed up to it.
 *
 * @param injectedAt when the fault began (the kill, the stop)
 * @param backAt when the faulty part was available again
 * @param firstAcknowledgedAt the answer time of the first command acknowledged at or after {@code backAt}
 * @param readModelCaughtUpAt when the views first held every event committed by {@code backAt}
 * @param note what the fault met, e.g. how many events the query-app had still to project when killed
 */
public record FaultRecovery(
        String fault,
        Optional<String> skippedBecause,
        Instant injectedAt,
        Instant backAt,
        Optional<Instant> firstAcknowledgedAt,
        Optional<Instant> readModelCaughtUpAt,
        String note) {

    public static FaultRecovery skipped(String fault, String reason) {
        return new FaultRecovery(fault, Optional.of(reason), null, null, Optional.empty(), Optional.empty(), "");
    }

    public boolean wasSkipped() {
        return skippedBecause.isPresent();
    }

    /** Both an acknowledged command and a caught-up read model were seen. */
    public boolean recovered() {
        return wasSkipped() || firstAcknowledgedAt.isPresent() && readModelCaughtUpAt.isPresent();
    }

    /** From the fault to the faulty part being available again. */
    public Duration outage() {
        return Duration.between(injectedAt, backAt);
    }

    public Optional<Duration> untilFirstAcknowledgement() {
        return firstAcknowledgedAt.map(at -> Duration.between(backAt, at));
    }

    public Optional<Duration> untilReadModelCaughtUp() {
        return readModelCaughtUpAt.map(at -> Duration.between(backAt, at));
    }

    /** When the system had recovered in both respects, or when the wait for it ended. */
    public Instant endedAt() {
        Instant end = backAt;
        for (Optional<Instant> at : List.of(firstAcknowledgedAt, readModelCaughtUpAt)) {
            if (at.isPresent() && at.get().isAfter(end)) {
                end = at.get();
            }
        }
        return end;
    }
}
