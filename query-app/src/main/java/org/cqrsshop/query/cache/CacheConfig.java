package org.cqrsshop.query.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "cqrs-shop.cache")
public interface CacheConfig {

    /** Off sends every read to MongoDB and skips invalidation; nothing else changes. */
    @WithDefault("true")
    boolean enabled();

    /** How long product(id) stays cached. Invalidation usually ends it sooner; this bounds a missed one. */
    @WithDefault("60s")
    Duration productTtl();

    /** How long a products page or the categories stay cached; short, as every product change ends them anyway. */
    @WithDefault("10s")
    Duration listTtl();

    /** How long cart(customerId) stays cached. */
    @WithDefault("30s")
    Duration cartTtl();

    /**
     * How long any one cache command may take. Past it the read goes to MongoDB, so a Redis that
     * hangs costs each read at most this much.
     */
    @WithDefault("200ms")
    Duration redisTimeout();

    /** While the cache is suspect, how often a read tries to heal it (see {@link ViewCache}). */
    @WithDefault("1s")
    Duration healInterval();
}
