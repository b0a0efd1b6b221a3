package org.cqrsshop.query.projection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.cqrsshop.common.event.EventEnvelope;

/**
 * What this replica's projections have applied: the highest global position, and a signal per
 * written view so that a waiting read-your-writes query wakes at once instead of at its next poll.
 */
@ApplicationScoped
public class AppliedEvents {

    private final AtomicLong highestPosition = new AtomicLong();
    private final BroadcastProcessor<String> writtenStreams = BroadcastProcessor.create();

    public void record(EventEnvelope envelope) {
        highestPosition.accumulateAndGet(envelope.globalPosition(), Math::max);
        // A processor takes one item at a time; partitions record from several threads.
        synchronized (writtenStreams) {
            writtenStreams.onNext(envelope.streamId().toString());
        }
    }

    public long highestPosition() {
        return highestPosition.get();
    }

    /** Ids of streams whose view was just written, from now on. */
    public Multi<String> writtenStreams() {
        return writtenStreams;
    }
}
