package org.cqrsshop.query.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the event consumer that feeds the projections (docs/operations.md, "Partitions"). */
@ConfigMapping(prefix = "cqrs-shop.projection")
public interface ProjectionConfig {

    /** The exchange the command-app's relay publishes to. */
    @WithDefault("cqrs-shop.events")
    String eventsExchange();

    /**
     * The name every queue and exchange of the projections starts with: partitions are
     * {@code <queue>.p0} and up, dead letters go to {@code <queue>.dlq}.
     */
    @WithDefault("cqrs-shop.query.projections")
    String queue();

    /**
     * Partitions the events are spread over by stream id. Every replica of one shop must use the
     * same number; replicas share the partitions among themselves, so it bounds how many replicas
     * can project at once.
     */
    @WithDefault("8")
    int partitions();

    /** Events one partition applies as one batch at most. */
    @WithDefault("256")
    int maxBatch();

    /** Unacknowledged events the broker sends one partition's consumer ahead (the AMQP prefetch). */
    @WithDefault("512")
    int prefetch();

    /** How often a replica compares the partitions it holds with its fair share, and releases the excess. */
    @WithDefault("5s")
    Duration rebalanceInterval();

    /** The pause between attempts to reach the broker, at start and after the connection dropped. */
    @WithDefault("2s")
    Duration reconnectInterval();

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
     * The first pause before a batch that could not be written for an outage of MongoDB or of
     * the feed is tried again; it doubles up to 10 s. The pause keeps a stuck batch from spinning.
     */
    @WithDefault("500ms")
    Duration retryDelay();
}
