package org.cqrsshop.query.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.cqrsshop.query.change.ChangeHub;
import org.cqrsshop.query.freshness.Freshness;
import org.cqrsshop.query.freshness.FreshnessMonitor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The query-app's dependencies as the readiness report shows them. MongoDB decides readiness (its
 * own check, from the MongoDB extension): without it nothing can be answered. Without RabbitMQ,
 * Redis or the command-app's feed the replica still answers, with older views, without the cache or
 * without gap repair; taking it out of service would only make that worse. So those three always
 * report UP, and say in their data whether they are reachable and what their absence costs.
 */
@ApplicationScoped
public class DependencyReadiness {

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck redis(ChangeHub changes) {
        return () -> degradable("redis", changes.listening(),
                "reads go to MongoDB; subscribers get the changes made meanwhile once Redis answers").build();
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck rabbitmq(FreshnessMonitor freshness) {
        return () -> {
            Freshness latest = freshness.latest();
            return degradable("rabbitmq", latest.deadLetters() >= 0,
                    "events wait in the store and the views fall behind until the broker answers")
                    .withData("deadLetters", latest.deadLetters())
                    .withData("measuredAt", latest.measuredAt().toString())
                    .build();
        };
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck commandAppFeed(FreshnessMonitor freshness) {
        return () -> {
            Freshness latest = freshness.latest();
            return degradable("command-app-feed", latest.headPosition() >= 0,
                    "gaps in the views wait for the feed, and rebuilds cannot start")
                    .withData("lagEvents", latest.lagEvents())
                    .withData("lagMilliseconds", latest.lagMillis())
                    .withData("measuredAt", latest.measuredAt().toString())
                    .build();
        };
    }

    private static HealthCheckResponseBuilder degradable(String name, boolean reachable, String whileUnreachable) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).up().withData("reachable", reachable);
        return reachable ? response : response.withData("meanwhile", whileUnreachable);
    }
}
