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

    /** How long to wait before listening to Redis again after the channel was lost. */
    @WithDefault("1s")
    Duration reconnectDelay();
}
