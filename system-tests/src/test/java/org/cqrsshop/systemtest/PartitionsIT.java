package org.cqrsshop.systemtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.systemtest.convergence.ReadModelChecker;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestRabbit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two query-app replicas on one shop's partitions (ADR 0009). They share the partitions, a
 * replica that dies hands its partitions to the other, and a backlog with poison in it is
 * drained in batches by two replicas started at once, one consumer a partition, without losing
 * or reordering anything: every view must equal the fold of its stream, which it cannot if two
 * events of one stream were applied out of order.
 */
class PartitionsIT {

    private static final Duration SETTLES_WITHIN = Patience.RECOVERY;
    private static final int COMMANDS = 150;
    private static final AtomicLong SEEDS = new AtomicLong(System.nanoTime());

    private static ShopSystem shop;
    private static AppProcess first;
    private static AppProcess second;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        shop = ShopSystem.start(2);
        first = shop.queryApps.get(0);
        second = shop.queryApps.get(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (shop != null) {
            shop.close();
        }
    }

    /** A test that killed a replica may have failed before it restarted it. */
    @BeforeEach
    void bothReplicasRun() throws Exception {
        for (AppProcess replica : shop.queryApps) {
            if (!replica.isRunning()) {
                replica.start();
            }
        }
    }

    @Test
    void two_replicas_share_the_partitions_and_every_stream_stays_in_order() throws Exception {
        try (Traffic traffic = Traffic.start()) {
            awaitBothHoldPartitions();
            // A replica may take its partitions over just before the traffic ends: keep it going
            // until each has applied events, so that both shares are exercised.
            ReadSide.awaitUntil(Instant.now().plus(SETTLES_WITHIN), "both replicas to apply events",
                    () -> projected(first) > 0 && projected(second) > 0);
        }

        assertThat(projected(first)).as("events %s applied", first.name()).isPositive();
        assertThat(projected(second)).as("events %s applied", second.name()).isPositive();
        awaitConvergence();
    }

    @Test
    void a_replica_killed_while_it_holds_partitions_hands_them_over_and_no_event_is_lost() throws Exception {
        try (Traffic traffic = Traffic.start()) {
            awaitBothHoldPartitions();
            second.kill();
            ReadSide survivor = new ReadSide(shop, first);
            ReadSide.awaitUntil(Instant.now().plus(SETTLES_WITHIN), first.name() + " to hold every partition",
                    () -> survivor.partitionsHeld() == TestRabbit.PARTITIONS);
        }

        awaitConvergence();
        assertThat(shop.rabbit.messageCount(shop.rabbit.deadLetterQueue())).isZero();
    }

    @Test
    void two_replicas_started_at_once_on_a_backlog_with_poison_amid_it_drain_it_one_consumer_a_partition()
            throws Exception {
        long deadLettersBefore = shop.rabbit.messageCount(shop.rabbit.deadLetterQueue());
        first.kill();
        second.kill();
        new RandomWorkload(SEEDS.incrementAndGet(), shop.commandApp.graphql()).run(COMMANDS);
        shop.rabbit.publish(eventOfAStreamTheStoreLacks());
        shop.rabbit.publish("product.Garbage", "this is not an event".getBytes(UTF_8));
        new RandomWorkload(SEEDS.incrementAndGet(), shop.commandApp.graphql()).run(COMMANDS);
        ReadSide.awaitUntil(Instant.now().plus(SETTLES_WITHIN), "the relay to publish the backlog",
                () -> shop.rabbit.projectionBacklog() >= 2L * COMMANDS);

        CompletableFuture<Void> startingFirst = CompletableFuture.runAsync(() -> start(first));
        CompletableFuture<Void> startingSecond = CompletableFuture.runAsync(() -> start(second));
        List<Map<String, Long>> samples = new ArrayList<>();
        Instant deadline = Instant.now().plus(SETTLES_WITHIN);
        while ((!(startingFirst.isDone() && startingSecond.isDone()) || shop.rabbit.projectionBacklog() > 0)
                && Instant.now().isBefore(deadline)) {
            samples.add(activeConsumersByPartition());
        }
        startingFirst.join();
        startingSecond.join();

        awaitConvergence();
        assertThat(samples).as("active consumers of each partition while the backlog drained")
                .isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.values()).allSatisfy(active -> assertThat(active).isLessThanOrEqualTo(1)));
        assertThat(activeConsumersByPartition().values()).as("once settled, every partition has its consumer")
                .containsOnly(1L);
        ReadSide.awaitUntil(Instant.now().plus(SETTLES_WITHIN), "the two poison messages in the dead-letter queue",
                () -> shop.rabbit.messageCount(shop.rabbit.deadLetterQueue()) == deadLettersBefore + 2);
        assertThat(shop.rabbit.projectionBacklog()).isZero();
    }

    private static void start(AppProcess replica) {
        try {
            replica.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + replica.name(), e);
        }
    }

    /** The broker's own view: how many consumers each of this shop's partitions lets take from it. */
    private static Map<String, Long> activeConsumersByPartition() throws Exception {
        Process listing = new ProcessBuilder("rabbitmqctl", "-q", "list_consumers", "queue_name", "active")
                .redirectErrorStream(true).start();
        String output = new String(listing.getInputStream().readAllBytes(), UTF_8);
        if (listing.waitFor() != 0) {
            throw new IllegalStateException("rabbitmqctl list_consumers failed: " + output);
        }
        Map<String, Long> active = new TreeMap<>();
        for (int partition = 0; partition < TestRabbit.PARTITIONS; partition++) {
            active.put(shop.rabbit.partitionQueue(partition), 0L);
        }
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\t");
            if (columns.length == 2 && active.containsKey(columns[0]) && columns[1].equals("true")) {
                active.merge(columns[0], 1L, Long::sum);
            }
        }
        return active;
    }

    private static void awaitBothHoldPartitions() {
        ReadSide onFirst = new ReadSide(shop, first);
        ReadSide onSecond = new ReadSide(shop, second);
        ReadSide.awaitUntil(Instant.now().plus(SETTLES_WITHIN), "both replicas to hold partitions, all of them between them",
                () -> {
                    int heldByFirst = onFirst.partitionsHeld();
                    int heldBySecond = onSecond.partitionsHeld();
                    return heldByFirst > 0 && heldBySecond > 0 && heldByFirst + heldBySecond == TestRabbit.PARTITIONS;
                });
    }

    private static long projected(AppProcess replica) {
        var outcomes = new ReadSide(shop, replica).projectionOutcomes();
        return outcomes.getOrDefault("applied", 0L) + outcomes.getOrDefault("repaired", 0L);
    }

    private static void awaitConvergence() {
        try (ReadModelChecker checker = new ReadModelChecker(shop.postgres, shop.mongo)) {
            checker.awaitConvergence(SETTLES_WITHIN);
        }
    }

    /** Version 2 of a product the store never had: the feed cannot fill the gap, so it is poison. */
    private static EventEnvelope eventOfAStreamTheStoreLacks() {
        UUID product = UUID.randomUUID();
        return new EventEnvelope(UUID.randomUUID(), product, "product", 2, 999_999,
                Instant.parse("2026-01-01T00:00:00Z"), UUID.randomUUID(), UUID.randomUUID(), null,
                new ProductUpdated(new ProductId(product), "GHOST-2", "Ghost", "never created",
                        Money.of(100, "EUR"), "kitchen"));
    }

    /** Random valid commands in the background, workload after workload, until closed. */
    private static final class Traffic implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final CompletableFuture<Void> done;

        private Traffic() {
            done = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    new RandomWorkload(SEEDS.incrementAndGet(), shop.commandApp.graphql()).run(40);
                }
            });
        }

        static Traffic start() {
            return new Traffic();
        }

        /** Waits for the workload in progress, and fails if any command of it failed. */
        @Override
        public void close() {
            running.set(false);
            done.join();
        }
    }
}
