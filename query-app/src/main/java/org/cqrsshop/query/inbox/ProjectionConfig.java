package org.cqrsshop.query.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the event consumer that feeds the projections. */
@ConfigMapping(prefix = "cqrs-shop.projection")
public interface ProjectionConfig {

    /**
     * How long a message that cannot be applied yet waits before it goes back to the queue: an
     * event that arrived ahead of an earlier one of its stream, or any failure of MongoDB. The
     * pause keeps a stuck message from spinning the consumer.
     */
    @WithDefault("500ms")
    Duration retryDelay();
}
