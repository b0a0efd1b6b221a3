package org.cqrsshop.command.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * RabbitMQ in the readiness report. PostgreSQL decides readiness (its own check, from the
 * datasource): without it no command can be taken. Without the broker commands still commit and
 * their events wait in the store, so this check stays UP and shows what waits: whether the relay
 * is failing, and the backlog it will publish once the broker is back.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final RelayBacklog backlog;

    public BrokerReadinessCheck(OutboxRelay relay, RelayBacklog backlog) {
        this.relay = relay;
        this.backlog = backlog;
    }

    @Override
    public HealthCheckResponse call() {
        RelayStatus status = relay.status();
        RelayBacklog.Measure waiting = backlog.latest();
        boolean publishing = status.consecutiveFailures() == 0;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rabbitmq").up()
                .withData("relayPublishing", publishing)
                .withData("backlogEvents", waiting.events())
                .withData("backlogAgeMilliseconds", waiting.oldestAgeMillis());
        if (!publishing) {
            response.withData("meanwhile", "commands commit; their events wait in the store for the broker");
        }
        return response.build();
    }
}
