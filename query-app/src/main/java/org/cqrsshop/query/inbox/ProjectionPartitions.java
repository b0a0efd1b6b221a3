package org.cqrsshop.query.inbox;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's share of the partitions (ADR 0009). It subscribes to every partition; the
 * broker makes one subscriber of each the active one, and hands a partition to the next
 * subscriber when its holder goes away. Since the first replica to start would otherwise keep
 * every partition, each replica regularly compares what it holds with its fair share and
 * releases the rest, which the broker then gives to a replica waiting for them.
 */
@ApplicationScoped
public class ProjectionPartitions {

    private static final Logger LOG = Logger.getLogger(ProjectionPartitions.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final EventConsumer events;
    private final ProjectionConfig config;
    private final PartitionTopology topology;
    private final ConnectionFactory factory;
    private final List<PartitionConsumer> consumers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, work -> {
        Thread thread = new Thread(work, "projection-partitions");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Connection connection;
    private volatile boolean stopping;

    public ProjectionPartitions(
            EventConsumer events,
            ProjectionConfig config,
            MeterRegistry metrics,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        this.events = events;
        this.config = config;
        this.topology = PartitionTopology.of(config);
        this.factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        // We reconnect ourselves: fresh channels and subscriptions, and nothing stale in hand.
        factory.setAutomaticRecoveryEnabled(false);
        Gauge.builder("cqrs.projection.partitions.held", this, ProjectionPartitions::held)
                .description("Partitions this replica is the active consumer of, as far as it has seen deliveries")
                .register(metrics);
    }

    void start(@Observes StartupEvent started) {
        scheduler.execute(this::connect);
        long interval = config.rebalanceInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::rebalance, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** The partitions this replica applies events of now. */
    public int held() {
        return (int) consumers.stream().filter(PartitionConsumer::holds).count();
    }

    private void connect() {
        if (stopping) {
            return;
        }
        Connection opened = null;
        try {
            opened = factory.newConnection("cqrs-shop-query projections");
            try (Channel declaring = PartitionTopology.openChannel(opened)) {
                topology.declare(declaring);
            }
            List<String> retired = topology.retire(opened);
            connection = opened;
            opened.addShutdownListener(this::connectionLost);
            for (String queue : topology.partitionQueues()) {
                subscribe(queue);
            }
            for (String queue : retired) {
                LOG.infof("Draining %s, which no longer receives events, before deleting it", queue);
                subscribe(queue);
            }
            LOG.infof("Subscribed to %d partitions of %s", topology.partitions(), config.queue());
        } catch (IOException | TimeoutException | RuntimeException unreachable) {
            LOG.warnf("Cannot subscribe to the partitions yet (tried again in %s): %s%s", config.reconnectInterval(),
                    describe(unreachable), hint(unreachable));
            closeQuietly(opened);
            scheduler.schedule(this::connect, config.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void connectionLost(ShutdownSignalException cause) {
        if (stopping || cause.isInitiatedByApplication()) {
            return;
        }
        LOG.warnf("Lost the broker connection (reconnecting every %s): %s", config.reconnectInterval(), cause.getMessage());
        consumers.forEach(PartitionConsumer::close);
        consumers.clear();
        scheduler.schedule(this::connect, config.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void subscribe(String queue) {
        Connection current = connection;
        if (stopping || current == null || !current.isOpen()) {
            return;
        }
        try {
            consumers.add(PartitionConsumer.subscribe(current, queue, events, config, scheduler));
        } catch (IOException | RuntimeException refused) {
            LOG.warnf("Could not subscribe to %s (tried again at the next rebalance): %s", queue, describe(refused));
        }
    }

    /**
     * The fair share is the partitions divided by the replicas, rounded up; the replicas are
     * counted as the most subscribers any partition has. One channel serves the round's questions;
     * a question about a queue that is gone closes it, and the round waits for the next.
     */
    private void rebalance() {
        Connection current = connection;
        if (stopping || current == null || !current.isOpen()) {
            return;
        }
        try (Channel inspecting = PartitionTopology.openChannel(current)) {
            int replicas = 1;
            for (String queue : topology.partitionQueues()) {
                if (consumers.stream().noneMatch(consumer -> consumer.queue().equals(queue))) {
                    subscribe(queue);
                }
                replicas = Math.max(replicas, inspecting.queueDeclarePassive(queue).getConsumerCount());
            }
            int share = (topology.partitions() + replicas - 1) / replicas;
            List<PartitionConsumer> holding = consumers.stream()
                    .filter(PartitionConsumer::holds)
                    .filter(consumer -> topology.partitionQueues().contains(consumer.queue()))
                    .toList();
            for (PartitionConsumer excess : holding.subList(Math.min(share, holding.size()), holding.size())) {
                LOG.infof("Releasing %s: %d replicas share %d partitions, and this one holds %d",
                        excess.queue(), replicas, topology.partitions(), holding.size());
                excess.release(() -> {
                    consumers.remove(excess);
                    subscribe(excess.queue());
                });
            }
            deleteDrainedRetiredQueues(inspecting);
        } catch (IOException | TimeoutException | RuntimeException failed) {
            LOG.debugf("Rebalancing waits for the next round: %s", describe(failed));
        }
    }

    private void deleteDrainedRetiredQueues(Channel inspecting) throws IOException {
        for (PartitionConsumer consumer : consumers) {
            if (topology.partitionQueues().contains(consumer.queue()) || !consumer.idle()) {
                continue;
            }
            if (inspecting.queueDeclarePassive(consumer.queue()).getMessageCount() == 0) {
                consumer.close();
                consumers.remove(consumer);
                inspecting.queueDelete(consumer.queue(), false, true);
                LOG.infof("Deleted %s, drained", consumer.queue());
            }
        }
    }

    /**
     * Nothing new is started; what is in hand finishes for a while, then the connection closes,
     * which returns every unacknowledged event to its partition for the next holder.
     */
    void stop(@Observes ShutdownEvent shuttingDown) {
        stopping = true;
        events.stop();
        Instant deadline = Instant.now().plus(SHUTDOWN_GRACE);
        while (Instant.now().isBefore(deadline) && consumers.stream().anyMatch(consumer -> !consumer.idle())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        consumers.forEach(PartitionConsumer::close);
        closeQuietly(connection);
        scheduler.shutdownNow();
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (IOException | RuntimeException alreadyClosed) {
            // nothing left to release
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException && cause.getCause() instanceof ShutdownSignalException signal) {
            return signal.getMessage();
        }
        return String.valueOf(cause.getMessage());
    }

    private static String hint(Throwable failure) {
        return describe(failure).contains("x-consistent-hash")
                ? " (enable the broker's rabbitmq_consistent_hash_exchange plugin: scripts/services.sh does)"
                : "";
    }
}
