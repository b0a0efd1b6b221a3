package org.cqrsshop.command.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * Reports whether committed events are reaching the broker. It is a wellness check, not a
 * readiness one: a stalled relay delays publication but loses nothing, and the app can still take
 * commands, so taking it out of service would only make things worse.
 */
@Wellness
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public RelayHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        RelayStatus status = relay.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event-relay")
                .status(status.consecutiveFailures() == 0)
                .withData("consecutiveFailures", status.consecutiveFailures());
        if (status.lastSuccessAt() != null) {
            response.withData("lastSuccessAt", status.lastSuccessAt().toString());
        }
        if (status.lastFailure() != null) {
            response.withData("lastFailure", status.lastFailure());
        }
        return response.build();
    }
}
