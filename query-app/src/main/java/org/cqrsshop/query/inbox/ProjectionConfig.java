package org.cqrsshop.query.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the event consumer that feeds the projections. */
@ConfigMapping(prefix = "cqrs-shop.projection")
public interface ProjectionConfig {

    /**
     * How often an event whose projection fails is tried, in all, before it goes to the
     * dead-letter queue with the reason. Outages of MongoDB or of the event feed do not count:
     * they are no fault of the event, so those events wait instead, however long it takes.
     */
    @WithDefault("5")
    int maxAttempts();

    /** The pause before the first retry of a failing event; it doubles with each retry. */
    @WithDefault("100ms")
    Duration retryBackoff();

    /**
     * How long an event waits before it goes back to the queue while MongoDB or the feed is
     * unreachable. The pause keeps a stuck message from spinning the consumer.
     */
    @WithDefault("500ms")
    Duration retryDelay();
}
