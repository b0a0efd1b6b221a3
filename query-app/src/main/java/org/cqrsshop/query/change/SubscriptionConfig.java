package org.cqrsshop.query.change;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of GraphQL subscriptions on one replica (docs/operations.md, "Subscriptions"). */
@ConfigMapping(prefix = "cqrs-shop.subscriptions")
public interface SubscriptionConfig {

    /**
     * Change notices one subscription may hold before it has handled them. A subscription that
     * falls this far behind is ended with SUBSCRIBER_TOO_SLOW, so that it costs bounded memory.
     */
    @WithDefault("256")
    int bufferSize();

    /** Subscriptions this replica serves at once; one more is refused with TOO_MANY_SUBSCRIPTIONS. */
    @WithDefault("1000")
    int maxActive();

    /** How long to wait before reading the change log again after Redis failed, and before repaying owed notices. */
    @WithDefault("1s")
    Duration reconnectDelay();

    /**
     * Notices the change log on Redis keeps (about; Redis trims whole blocks). A replica cut off
     * from Redis while more than this many were written catches its subscriptions up from the
     * views, and ends those that follow many entities with SUBSCRIPTION_INTERRUPTED.
     */
    @WithDefault("10000")
    int changeLogLength();

    /**
     * Entities whose latest notice (with its view, a few KB) this replica keeps while Redis does
     * not take notices. Past it, the log gets a gap mark once Redis is back, as if it had been trimmed.
     */
    @WithDefault("10000")
    int maxOwedNotices();

    /**
     * How often each subscription to one entity checks the view for a version no notice brought,
     * for notices no replica is left to repay (one that was killed while Redis was away).
     */
    @WithDefault("30s")
    Duration catchUpInterval();
}
