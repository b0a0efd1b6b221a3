package org.cqrsshop.query.change;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cqrsshop.query.cache.ViewCache;

/**
 * What follows a view write, in this order: the cache forgets the view, then subscribers on every
 * replica hear of it. So a client that queries after a notification never reads older data. The
 * delivered event is acknowledged only after both. Neither step may fail: a Redis outage must
 * not hold up the projections, so each step handles its own failures.
 */
@ApplicationScoped
public class ViewChanges {

    private final ViewCache cache;
    private final ChangeNotifier notifier;

    public ViewChanges(ViewCache cache, ChangeNotifier notifier) {
        this.cache = cache;
        this.notifier = notifier;
    }

    public Uni<Void> viewWritten(ViewChange change) {
        return cache.invalidate(change.streamType(), change.streamId())
                .chain(() -> notifier.publish(change));
    }
}
