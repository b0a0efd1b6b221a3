package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.systemtest.convergence.ConvergenceReport;
import org.cqrsshop.systemtest.convergence.ExpectedViews;
import org.cqrsshop.systemtest.convergence.ReadModelChecker;
import org.cqrsshop.systemtest.convergence.StoredViews;
import org.cqrsshop.systemtest.convergence.ViewDifference;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read model is a pure function of the event store. Hundreds of random but valid commands
 * go through the command-app; afterwards every view must equal the fold of its stream, field by
 * field, and must stay so when every event arrives again, shuffled and repeated, and when views
 * that forgot their latest events hear only of the last one.
 *
 * <p>Each test starts by waiting for the read side to settle, and leaves it settled, so they do
 * not depend on one another's order. The random commands are sent once, before all of them. Their
 * seed is printed first and named in the failure messages of the checks that depend on it;
 * {@code -Dconvergence.seed=<seed>} sends the same commands again.
 */
class ReadModelConvergenceIT extends SystemTest {

    private static final long SEED = Long.getLong("convergence.seed", System.nanoTime());
    private static final int COMMANDS = 520;
    /** Long: every event is published again two or three times before the views settle. */
    private static final Duration SETTLES_WITHIN = Patience.RECOVERY;
    /** Every event goes out twice, and one in this many a third time. */
    private static final int THIRD_COPY_ONE_IN = 4;
    private static final int GAPS_PER_STREAM_TYPE = 2;
    /** What the projections count once they are done with a delivery; "waiting" ones come back. */
    private static final List<String> FINAL_OUTCOMES = List.of("applied", "duplicate", "repaired", "dead_lettered");

    private static RandomWorkload workload;
    /** A product nothing ever changes: its stream holds one event. */
    private static String untouchedProduct;
    private static ReadModelChecker checker;
    private static ReadSide readSide;

    @BeforeAll
    static void sendRandomCommands() {
        System.out.printf("ReadModelConvergenceIT: seed %d (rerun with -Dconvergence.seed=%d)%n", SEED, SEED);
        checker = new ReadModelChecker(shop.postgres, shop.mongo)
                .describedAs("seed " + SEED + " (rerun with -Dconvergence.seed=" + SEED + ")");
        readSide = new ReadSide(shop);
        workload = new RandomWorkload(SEED, shop.commandApp.graphql());
        Instant start = Instant.now();
        workload.run(COMMANDS);
        System.out.printf("ReadModelConvergenceIT: sent %d commands in %d ms to %d products, %d carts, %d orders: %s%n",
                workload.commandsSent(), Duration.between(start, Instant.now()).toMillis(), workload.productCount(),
                workload.cartCount(), workload.orderCount(), workload.sent());
        untouchedProduct = command("mutation { createProduct(input: {sku: \"CONV-UNTOUCHED\", name: \"Lonely mug\","
                + " description: \"\", price: {amountMinor: 700, currency: \"EUR\"}, category: \"kitchen\","
                + " stockQuantity: 3}) { id } }").path("createProduct").path("id").asText();
    }

    @AfterAll
    static void closeChecker() {
        if (checker != null) {
            checker.close();
        }
    }

    @Test
    void after_hundreds_of_random_commands_every_view_equals_the_fold_of_its_stream() {
        settle();

        Map<String, Map<String, BsonDocument>> views = checker.views().snapshot();
        assertThat(workload.commandsSent()).as(seed()).isGreaterThanOrEqualTo(500);
        assertThat(views.get("products")).as(seed())
                .hasSize(workload.productCount() + 1) // and the untouched one
                .hasSizeGreaterThanOrEqualTo(8);
        assertThat(views.get("carts")).as(seed()).hasSize(workload.cartCount()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(views.get("orders")).as(seed()).hasSize(workload.orderCount()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(workload.sent()).as(seed()).containsKeys("createProduct", "updateProduct", "adjustStock",
                "addToCart", "removeFromCart", "createOrder", "updateOrderStatus", "shipOrder", "cancelOrder",
                "changeShippingAddress");
    }

    @Test
    void every_event_published_again_shuffled_and_repeated_changes_no_view() {
        settle();
        Map<String, Map<String, BsonDocument>> before = checker.views().snapshot();
        Random random = new Random(SEED);
        List<EventEnvelope> copies = new ArrayList<>();
        for (EventEnvelope event : checker.store().allEvents()) {
            copies.add(event);
            copies.add(event);
            if (random.nextInt(THIRD_COPY_ONE_IN) == 0) {
                copies.add(event);
            }
        }
        Collections.shuffle(copies, random);
        Map<String, Long> outcomesBefore = readSide.projectionOutcomes();

        copies.forEach(event -> shop.rabbit.publish(event));

        awaitOutcomes(outcomesBefore, copies.size());
        Map<String, Long> outcomes = delta(outcomesBefore, readSide.projectionOutcomes());
        assertThat(outcomes).as("%s: every copy is a duplicate of an applied event", seed())
                .containsEntry("duplicate", (long) copies.size())
                .containsEntry("applied", 0L)
                .containsEntry("repaired", 0L)
                .containsEntry("dead_lettered", 0L);
        checker.assertConverged();
        ConvergenceReport unchanged = ConvergenceReport.compare(before, checker.views().snapshot());
        assertThat(unchanged.differences()).as("%s: views changed by duplicates, %s", seed(), unchanged).isEmpty();
    }

    @Test
    void views_that_forgot_their_latest_events_catch_up_through_the_feed_when_the_last_event_arrives() {
        settle();
        Random random = new Random(SEED);
        Map<UUID, List<EventEnvelope>> streams = checker.store().streams();
        List<List<EventEnvelope>> forgetful = new ArrayList<>();
        for (String streamType : List.of("product", "cart", "order")) {
            List<List<EventEnvelope>> longEnough = new ArrayList<>(streams.values().stream()
                    .filter(stream -> stream.get(0).streamType().equals(streamType) && stream.size() >= 3)
                    .toList());
            assertThat(longEnough).as("%s: %s streams of three or more events", seed(), streamType).isNotEmpty();
            Collections.shuffle(longEnough, random);
            forgetful.addAll(longEnough.subList(0, Math.min(GAPS_PER_STREAM_TYPE, longEnough.size())));
        }
        for (List<EventEnvelope> stream : forgetful) {
            // Keep 1..n-2 events, so that the last one leaves at least one event missing in between.
            int kept = 1 + random.nextInt(stream.size() - 2);
            checker.views().replace(collectionOf(stream), ExpectedViews.fold(stream.subList(0, kept)));
        }
        assertThat(checker.check().differences()).extracting(ViewDifference::viewId)
                .as("%s: the views behind", seed())
                .containsOnly(forgetful.stream().map(stream -> stream.get(0).streamId().toString())
                        .toArray(String[]::new));
        Map<String, Long> outcomesBefore = readSide.projectionOutcomes();

        forgetful.forEach(stream -> shop.rabbit.publish(stream.get(stream.size() - 1)));

        checker.awaitConvergence(SETTLES_WITHIN);
        awaitOutcomes(outcomesBefore, forgetful.size());
        assertThat(delta(outcomesBefore, readSide.projectionOutcomes()))
                .as("%s: each gap was filled from the command-app's feed", seed())
                .containsEntry("repaired", (long) forgetful.size())
                .containsEntry("applied", 0L)
                .containsEntry("dead_lettered", 0L);
    }

    @Test
    void a_lost_view_of_a_one_event_stream_comes_back_when_its_event_arrives_again() {
        settle();
        List<EventEnvelope> stream = checker.store().streams().get(UUID.fromString(untouchedProduct));
        assertThat(stream).hasSize(1);
        checker.views().delete("products", untouchedProduct);
        assertThat(checker.check().differences())
                .containsExactly(new ViewDifference.Missing("products", untouchedProduct));

        shop.rabbit.publish(stream.get(0));

        checker.awaitConvergence(SETTLES_WITHIN);
        assertThat(checker.views().find("products", untouchedProduct)).isEqualTo(ExpectedViews.fold(stream));
    }

    @Test
    void the_checker_reports_exactly_the_top_level_field_changed_behind_the_query_apps_back() {
        settle();
        StoredViews views = checker.views();
        BsonDocument original = views.all("products").values().iterator().next();
        String id = original.getString("_id").getValue();
        int stock = original.getInt32("stockQuantity").getValue();
        try {
            views.setField("products", id, "stockQuantity", new BsonInt32(stock + 1000));

            assertThat(checker.check().differences()).containsExactly(new ViewDifference.Field(
                    "products", id, "stockQuantity", String.valueOf(stock), String.valueOf(stock + 1000)));
        } finally {
            views.replace("products", original);
        }
    }

    @Test
    void the_checker_reports_exactly_the_field_changed_inside_a_list_of_a_view() {
        settle();
        StoredViews views = checker.views();
        BsonDocument original = views.all("orders").values().iterator().next();
        String id = original.getString("_id").getValue();
        int quantity = original.getArray("lines").get(0).asDocument().getInt32("quantity").getValue();
        try {
            views.setField("orders", id, "lines.0.quantity", new BsonInt32(quantity + 7));

            assertThat(checker.check().differences()).containsExactly(new ViewDifference.Field(
                    "orders", id, "lines[0].quantity", String.valueOf(quantity), String.valueOf(quantity + 7)));
        } finally {
            views.replace("orders", original);
        }
    }

    @Test
    void the_checker_reports_a_deleted_view_as_missing_and_a_stray_one_as_extra() {
        settle();
        StoredViews views = checker.views();
        BsonDocument cart = views.all("carts").values().iterator().next();
        String id = cart.getString("_id").getValue();
        String stray = UUID.randomUUID().toString();
        try {
            views.delete("carts", id);
            views.replace("carts", cart.clone().append("_id", new BsonString(stray)));

            assertThat(checker.check().differences()).containsExactlyInAnyOrder(
                    new ViewDifference.Missing("carts", id), new ViewDifference.Extra("carts", stray));
        } finally {
            views.delete("carts", stray);
            views.replace("carts", cart);
        }
    }

    private static void settle() {
        readSide.awaitQuiescence(checker, SETTLES_WITHIN);
    }

    /** Waits until the projections have finished with {@code messages} more deliveries, whatever their outcome. */
    private static void awaitOutcomes(Map<String, Long> before, long messages) {
        ReadSide.awaitUntil(Instant.now().plus(SETTLES_WITHIN), messages + " deliveries to be projected, " + seed(),
                () -> {
                    Map<String, Long> delta = delta(before, readSide.projectionOutcomes());
                    return FINAL_OUTCOMES.stream().mapToLong(delta::get).sum() >= messages;
                });
    }

    /** How many more deliveries ended in each outcome; the final outcomes are always listed, 0 if none. */
    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Set<String> outcomes = new TreeSet<>(FINAL_OUTCOMES);
        outcomes.addAll(after.keySet());
        return outcomes.stream().collect(Collectors.toMap(outcome -> outcome,
                outcome -> after.getOrDefault(outcome, 0L) - before.getOrDefault(outcome, 0L)));
    }

    private static String collectionOf(List<EventEnvelope> stream) {
        return ExpectedViews.collectionOf(stream.get(0).streamType());
    }

    private static String seed() {
        return "seed " + SEED;
    }
}
