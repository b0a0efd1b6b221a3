package org.cqrsshop.query.change;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cqrsshop.query.cache.CacheConfig;
import org.cqrsshop.query.redis.OutageLog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells subscribers on every replica that a view changed, through a Redis channel that each
 * replica listens to ({@link ChangeHub}). Publishing never fails the projection: while Redis is
 * away, notices are lost, and subscribers catch up on the next notice of the same entity, whose
 * version shows them what they missed.
 */
@ApplicationScoped
public class ChangeNotifier {

    private static final Logger LOG = Logger.getLogger(ChangeNotifier.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final String channel;
    private final CacheConfig redisLimits;
    private final MeterRegistry meters;
    private final OutageLog outages = new OutageLog(LOG,
            "Change notices cannot reach Redis, so subscribers miss them until it answers: %s",
            "Change notices reach Redis again");

    public ChangeNotifier(ReactiveRedisDataSource redis, @ConfigProperty(name = "cqrs-shop.redis.key-prefix") String prefix,
            CacheConfig redisLimits, MeterRegistry meters) {
        this.pubsub = redis.pubsub(String.class);
        this.channel = ChangeHub.channel(prefix);
        this.redisLimits = redisLimits;
        this.meters = meters;
    }

    public Uni<Void> publish(ViewChange change) {
        return Uni.createFrom().deferred(() -> pubsub.publish(channel, change.toJson()))
                .ifNoItem().after(redisLimits.redisTimeout()).fail()
                .onItemOrFailure().transform((published, failure) -> {
                    if (failure == null) {
                        count("published");
                        outages.succeeded();
                    } else {
                        count("failed");
                        outages.failed(failure);
                    }
                    return null;
                });
    }

    private void count(String result) {
        meters.counter("cqrs.subscriptions.notices", "result", result).increment();
    }
}
