package org.cqrsshop.command.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay that publishes committed events to RabbitMQ. */
@ConfigMapping(prefix = "cqrs-shop.relay")
public interface RelayConfig {

    /**
     * Whether this instance publishes at all. Every replica may run a relay: a row lock lets only
     * one publish at a time, so turning it off is only for tests that drive the relay by hand.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the relay looks for unpublished events when no local append woke it; this bounds
     * the publication delay of events appended by other replicas.
     */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Events read and published per transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long to wait for the broker to confirm a batch before giving up and retrying it. */
    @WithDefault("10s")
    Duration confirmTimeout();
}
