package org.cqrsshop.systemtest;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.cqrsshop.systemtest.faults.CampaignSize;
import org.cqrsshop.systemtest.faults.EventStoreAudit;
import org.cqrsshop.systemtest.faults.FaultRecovery;
import org.cqrsshop.systemtest.faults.LocalServers;
import org.cqrsshop.systemtest.faults.ReadModelProgress;
import org.cqrsshop.systemtest.faults.SteadyLoad;

/**
 * Five faults, one after another, while the steady load runs: each is injected, lifted, and
 * followed by a wait for the system to recover on its own, which is measured. Nothing here helps
 * the system recover; it only starts again what a platform or an operator would restart anyway
 * (a crashed process, a stopped server).
 */
final class FaultCampaign {

    /** Outcomes that mean the query-app is done with a delivery, whatever it made of it. */
    private static final List<String> FINISHED_DELIVERIES = List.of("applied", "duplicate", "repaired");
    private static final Duration BUSY_WITHIN = Duration.ofSeconds(30);
    /**
     * How often recovery is checked. Each check reads every view's version from MongoDB, which the
     * query-app is busy writing to; more often would slow the very recovery it measures.
     */
    private static final Duration RECOVERY_POLL_INTERVAL = Duration.ofMillis(250);

    private final ShopSystem shop;
    private final LocalServers servers;
    private final CampaignSize size;
    private final SteadyLoad load;
    private final EventStoreAudit store;
    private final ReadModelProgress readModel;
    private final ReadSide readSide;
    private final List<FaultRecovery> recoveries = new ArrayList<>();

    FaultCampaign(ShopSystem shop, LocalServers servers, CampaignSize size, SteadyLoad load, EventStoreAudit store,
            ReadModelProgress readModel) {
        this.shop = shop;
        this.servers = servers;
        this.size = size;
        this.load = load;
        this.store = store;
        this.readModel = readModel;
        this.readSide = new ReadSide(shop);
    }

    /** What happened so far, also when the campaign ended early. */
    List<FaultRecovery> recoveries() {
        return List.copyOf(recoveries);
    }

    /**
     * Runs the five faults in order, each after a spell of load with no fault.
     *
     * @throws AssertionError as soon as one fault is not recovered from within the size's timeout
     */
    void run() throws Exception {
        List<Fault> faults = List.of(
                this::killAndRestartCommandApp,
                this::stopAndStartBroker,
                this::killQueryAppWhileItProjects,
                this::stopAndStartMongo,
                this::restartPostgres);
        for (Fault fault : faults) {
            Thread.sleep(size.loadBeforeEachFault().toMillis());
            FaultRecovery recovery = fault.inject();
            recoveries.add(recovery);
            if (!recovery.recovered()) {
                throw new AssertionError(recovery.fault() + ": no recovery within " + size.recoveryTimeout()
                        + " (acknowledged command: " + recovery.firstAcknowledgedAt().isPresent()
                        + ", read model caught up: " + recovery.readModelCaughtUpAt().isPresent() + ")");
            }
        }
    }

    private interface Fault {
        FaultRecovery inject() throws Exception;
    }

    private FaultRecovery killAndRestartCommandApp() throws Exception {
        String fault = "1. kill -9 command-app, restart (same port)";
        Instant injected = Instant.now();
        shop.commandApp.kill();
        shop.commandApp.start();
        Instant back = Instant.now();
        return awaitRecovery(fault, injected, back, "");
    }

    private FaultRecovery stopAndStartBroker() throws Exception {
        String fault = "2. RabbitMQ stopped " + size.brokerOutage().toSeconds() + " s (stop_app/start_app)";
        Optional<String> impossible = servers.whyBrokerCannotBeStopped();
        if (impossible.isPresent()) {
            return skip(fault, impossible.get());
        }
        Instant injected = Instant.now();
        servers.stopBroker();
        Instant stopped = Instant.now();
        Thread.sleep(size.brokerOutage().toMillis());
        Instant starting = Instant.now();
        servers.startBroker();
        Instant back = Instant.now();
        return awaitRecovery(fault, injected, back, String.format("stop_app took %s, start_app until connections"
                + " were accepted %s", seconds(injected, stopped), seconds(starting, back)));
    }

    /**
     * The relay is held back for a moment (its link to the broker cut) so that a backlog builds
     * up; once the link is back, the query-app is killed as soon as it has finished its first
     * delivery of that backlog, in the middle of the rest.
     */
    private FaultRecovery killQueryAppWhileItProjects() throws Exception {
        String fault = "3. kill -9 query-app mid-batch, restart";
        shop.commandAppBrokerLink.cut();
        long finishedBefore;
        try {
            Thread.sleep(size.backlogBeforeQueryAppKill().toMillis());
            finishedBefore = finishedDeliveries();
        } finally {
            shop.commandAppBrokerLink.restore();
        }
        await().atMost(BUSY_WITHIN).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> finishedDeliveries() > finishedBefore);
        Instant injected = Instant.now();
        shop.queryApp.kill();
        long unprojected = readModel.eventsMissing(store.streamVersions());
        shop.queryApp.start();
        Instant back = Instant.now();
        return awaitRecovery(fault, injected, back, "killed with " + unprojected
                + " committed events not yet in the read model");
    }

    private FaultRecovery stopAndStartMongo() throws Exception {
        String fault = "4. MongoDB stopped " + size.mongoOutage().toSeconds() + " s, restarted (same port)";
        Optional<String> impossible = shop.mongo.whyNotRestartable();
        if (impossible.isPresent()) {
            return skip(fault, impossible.get());
        }
        Instant injected = Instant.now();
        shop.mongo.stopServer();
        Thread.sleep(size.mongoOutage().toMillis());
        shop.mongo.startServer();
        Instant back = Instant.now();
        return awaitRecovery(fault, injected, back, "");
    }

    private FaultRecovery restartPostgres() throws Exception {
        String fault = "5. PostgreSQL restarted (pg_ctlcluster)";
        Optional<String> impossible = servers.whyPostgresCannotBeRestarted();
        if (impossible.isPresent()) {
            return skip(fault, impossible.get());
        }
        Instant injected = Instant.now();
        servers.restartPostgres();
        Instant back = Instant.now();
        return awaitRecovery(fault, injected, back, "");
    }

    /**
     * Waits, without acting, until a command has been acknowledged since {@code back} and the read
     * model holds every event committed by then, and records when each happened.
     */
    private FaultRecovery awaitRecovery(String fault, Instant injected, Instant back, String note) {
        Map<String, Long> committedByThen = store.streamVersions();
        AtomicReference<Instant> caughtUp = new AtomicReference<>();
        try {
            await().atMost(size.recoveryTimeout()).pollInterval(RECOVERY_POLL_INTERVAL).ignoreExceptions()
                    .until(() -> {
                        if (caughtUp.get() == null && readModel.eventsMissing(committedByThen) == 0) {
                            caughtUp.set(Instant.now());
                        }
                        return caughtUp.get() != null && load.firstAcknowledgementAfter(back).isPresent();
                    });
        } catch (ConditionTimeoutException notRecovered) {
            // recorded below as not recovered; the campaign stops there
        }
        return new FaultRecovery(fault, Optional.empty(), injected, back, load.firstAcknowledgementAfter(back),
                Optional.ofNullable(caughtUp.get()), note);
    }

    private static FaultRecovery skip(String fault, String reason) {
        System.out.printf("FaultCampaignIT: skipping \"%s\": %s%n", fault, reason);
        return FaultRecovery.skipped(fault, reason);
    }

    private long finishedDeliveries() {
        Map<String, Long> outcomes = readSide.projectionOutcomes();
        return FINISHED_DELIVERIES.stream().mapToLong(outcome -> outcomes.getOrDefault(outcome, 0L)).sum();
    }

    private static String seconds(Instant from, Instant to) {
        return String.format("%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }
}
