package org.cqrsshop.systemtest.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * How hard and how long the fault campaign pushes. {@code light} runs in every {@code mvn verify}
 * and fits in about a minute and a half on a small machine; {@code full} is chosen with
 * {@code -Dfault.campaign=full} (system-tests/README.md).
 *
 * @param customers client threads acting as customers: carts, orders, cancellations
 * @param admins client threads acting as admins: product updates and stock adjustments
 * @param pauseBetweenCommands what each client waits after an answer, so the load stays steady
 *     instead of saturating the machine
 * @param loadBeforeEachFault steady load, with no fault, before each fault is injected
 * @param brokerOutage how long RabbitMQ stays stopped
 * @param backlogBeforeQueryAppKill how long the relay is held back so that the query-app has a
 *     batch to be busy with when it is killed
 * @param mongoOutage how long MongoDB stays stopped
 * @param recoveryTimeout how long the system may take to recover from one fault before the
 *     campaign fails: an acknowledged command and a caught-up read model
 */
public record CampaignSize(
        String name,
        int customers,
        int admins,
        Duration pauseBetweenCommands,
        Duration loadBeforeEachFault,
        Duration brokerOutage,
        Duration backlogBeforeQueryAppKill,
        Duration mongoOutage,
        Duration recoveryTimeout) {

    public static final String PROPERTY = "fault.campaign";

    public static CampaignSize light() {
        return new CampaignSize("light", 2, 1, Duration.ofMillis(300), Duration.ofMillis(1500),
                Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(60));
    }

    public static CampaignSize full() {
        return new CampaignSize("full", 4, 2, Duration.ofMillis(100), Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(120));
    }

    /** The size named by {@code -Dfault.campaign}, light when it is not set. */
    public static CampaignSize fromSystemProperty() {
        String name = System.getProperty(PROPERTY, "light").strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "light" -> light();
            case "full" -> full();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " is light or full, not " + name);
        };
    }

    public int clients() {
        return customers + admins;
    }
}
