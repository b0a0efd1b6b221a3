package org.cqrsshop.query.freshness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "cqrs-shop.freshness")
public interface FreshnessConfig {

    /** How long a query given {@code minVersion} waits before it answers READ_MODEL_LAGGING. */
    @WithDefault("5s")
    Duration waitTimeout();

    /**
     * How often a waiting query looks at MongoDB again. Writes by this replica wake it at once;
     * the poll catches the ones another replica made.
     */
    @WithDefault("100ms")
    Duration pollInterval();

    /** How often the lag and dead-letter figures behind the metrics are refreshed. */
    @WithDefault("5s")
    Duration refreshInterval();
}
