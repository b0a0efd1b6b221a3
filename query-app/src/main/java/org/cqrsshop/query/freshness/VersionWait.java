package org.cqrsshop.query.freshness;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.cqrsshop.query.projection.AppliedEvents;
import org.cqrsshop.query.projection.StreamView;

/**
 * Read-your-writes: holds a query until its view has reached the version a mutation returned.
 * Nothing blocks while it waits; the query resumes when this replica writes the view, or at the
 * next poll, which sees writes of other replicas. Either way the query resumes on its own Vert.x
 * context: the projection that wakes it runs elsewhere, where MongoDB's Panache would refuse to read.
 */
@ApplicationScoped
public class VersionWait {

    private static final Duration SHORTEST_TIMER = Duration.ofMillis(1);

    private final AppliedEvents applied;
    private final FreshnessConfig config;

    public VersionWait(AppliedEvents applied, FreshnessConfig config) {
        this.applied = applied;
        this.config = config;
    }

    /**
     * @param read reads the view, or gives {@code null} while it does not exist
     * @param minVersion the least version the caller accepts; {@code null} accepts any
     * @return the view once fresh enough; fails with {@link ReadModelLagging} past the timeout
     */
    public <V extends StreamView> Uni<V> atLeast(String kind, String id, Long minVersion, Supplier<Uni<V>> read) {
        if (minVersion == null || minVersion <= 0) {
            return read.get();
        }
        return attempt(kind, id, minVersion, read, Instant.now().plus(config.waitTimeout()), Vertx.currentContext());
    }

    /**
     * Until the next poll, or the deadline if that comes first; never under a millisecond, the
     * shortest timer Vert.x sets: a shorter one throws where the wait is subscribed, and the
     * query would never be answered.
     */
    static Duration pause(Duration left, Duration pollInterval) {
        Duration pause = left.compareTo(pollInterval) < 0 ? left : pollInterval;
        return pause.compareTo(SHORTEST_TIMER) < 0 ? SHORTEST_TIMER : pause;
    }

    private <V extends StreamView> Uni<V> attempt(
            String kind, String id, long minVersion, Supplier<Uni<V>> read, Instant deadline, Context context) {
        return read.get().chain(view -> {
            long version = view == null ? 0 : view.version;
            if (version >= minVersion) {
                return Uni.createFrom().item(view);
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Uni.createFrom().failure(new ReadModelLagging(kind, id, minVersion, version));
            }
            // A write landing between the read and this subscription is seen at the next poll.
            return applied.writtenStreams().select().where(id::equals).toUni()
                    .ifNoItem().after(pause(left, config.pollInterval())).recoverWithItem(id)
                    .emitOn(resume -> onContext(context, resume))
                    .chain(() -> attempt(kind, id, minVersion, read, deadline, context));
        });
    }

    private static void onContext(Context context, Runnable resume) {
        if (context == null) {
            resume.run();
        } else {
            context.runOnContext(ignored -> resume.run());
        }
    }
}
