package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqrsshop.testing.GraphQLResults;
import org.cqrsshop.testing.GraphQLSubscriber;
import org.cqrsshop.testing.GraphQLWebSocket;
import org.cqrsshop.testing.TcpProxy;
import org.cqrsshop.testing.TestRabbit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions with the query-app running as two replicas that share one projection queue, so
 * each event is projected by either of them, and every notification must cross from the replica
 * that projected it to subscribers on both.
 */
class SubscriptionsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** For what comes after an outage: a reconnect, then notices repaid and folded from the store. */
    private static final Duration AFTER_OUTAGE = Duration.ofSeconds(60);
    private static final int STUCK_SUBSCRIPTIONS = 20;
    private static final String LONG_DESCRIPTION = "D".repeat(5_000);
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final Pattern PROJECTED = Pattern.compile(
            "cqrs_projection_events_total\\{[^}]*outcome=\"(applied|repaired)\"[^}]*} ([0-9.E]+)");

    private static ShopSystem shop;
    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        shop = ShopSystem.start(2);
    }

    @AfterAll
    static void stop() throws Exception {
        CLIENTS.shutdownNow();
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void subscribers_on_both_replicas_get_every_change_of_a_burst_in_order_and_once()
            throws Exception {
        AppProcess first = shop.queryApps.get(0);
        AppProcess second = shop.queryApps.get(1);
        List<String> products = createProductsProjectedByBoth("BURST", 4, first, second);
        int updates = 12;
        int finalVersion = 1 + updates;
        try (GraphQLSubscriber onFirst = GraphQLSubscriber.to(first.graphql());
                GraphQLSubscriber onSecond = GraphQLSubscriber.to(second.graphql())) {
            var allOnFirst = onFirst.subscribe("subscription { productChanged { id version name } }");
            var allOnSecond = onSecond.subscribe("subscription { productChanged { id version name } }");
            var oneOnSecond = onSecond.subscribe(
                    "subscription { productChanged(id: \"" + products.get(0) + "\") { id version name } }");
            awaitSubscriptions(first, 1);
            awaitSubscriptions(second, 2);
            double projectedByFirstBefore = projected(first);
            double projectedBySecondBefore = projected(second);

            burst(products, updates);

            int expected = products.size() * updates;
            List<JsonNode> seenOnFirst = changes(allOnFirst.take(expected, WAIT));
            List<JsonNode> seenOnSecond = changes(allOnSecond.take(expected, WAIT));
            assertEveryVersionOnceInOrder(seenOnFirst, products, 2, finalVersion);
            assertEveryVersionOnceInOrder(seenOnSecond, products, 2, finalVersion);
            assertEveryVersionOnceInOrder(changes(oneOnSecond.take(updates, WAIT)), products.subList(0, 1), 2, finalVersion);
            assertThat(allOnFirst.next(QUIET)).as("nothing more, nothing twice").isNull();
            assertThat(allOnSecond.next(QUIET)).isNull();
            assertThat(oneOnSecond.next(QUIET)).isNull();

            // Both replicas projected part of the burst, so notifications did cross between them.
            assertThat(projected(first) - projectedByFirstBefore).as("views written by the first replica").isPositive();
            assertThat(projected(second) - projectedBySecondBefore).as("views written by the second replica").isPositive();
        }
    }

    @Test
    void a_query_sent_right_after_each_notification_to_the_other_replica_never_sees_an_older_version()
            throws Exception {
        String product = createProduct("FRESH-1");
        awaitCreated(List.of(product));
        int updates = 15;
        try (GraphQLSubscriber client = GraphQLSubscriber.to(shop.queryApps.get(0).graphql())) {
            var changes = client.subscribe("subscription { productChanged(id: \"" + product + "\") { version name } }");
            awaitSubscriptions(shop.queryApps.get(0), 1);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> burst(List.of(product), updates), CLIENTS);

            for (int received = 0; received < updates; received++) {
                JsonNode change = changes.take(1, WAIT).get(0).path("data").path("productChanged");
                JsonNode read = GraphQL.post(shop.queryApps.get(1).graphql(),
                        "{ product(id: \"" + product + "\") { version name } }").path("data").path("product");
                assertThat(read.path("version").asInt()).as("read after notification of %s", change)
                        .isGreaterThanOrEqualTo(change.path("version").asInt());
            }
            sent.join();
        }
    }

    @Test
    void a_subscriber_that_disconnects_mid_burst_and_resumes_with_its_last_version_gets_exactly_what_it_missed()
            throws Exception {
        String product = createProduct("RESUME-1");
        awaitCreated(List.of(product));
        int before = 3;
        int whileAway = 27;
        int lastSeen;
        try (GraphQLSubscriber client = GraphQLSubscriber.to(shop.queryApps.get(1).graphql())) {
            var changes = client.subscribe("subscription { productChanged(id: \"" + product + "\") { version } }");
            awaitSubscriptions(shop.queryApps.get(1), 1);
            burst(List.of(product), before);
            List<JsonNode> seen = changes(changes.take(before, WAIT));
            assertThat(seen).extracting(change -> change.path("version").asInt()).containsExactly(2, 3, 4);
            lastSeen = 4;
        }
        // The rest of the burst, while the client is away.
        burst(List.of(product), whileAway);
        int finalVersion = 1 + before + whileAway;

        try (GraphQLSubscriber back = GraphQLSubscriber.to(shop.queryApps.get(0).graphql())) {
            var resumed = back.subscribe("subscription { productChanged(id: \"" + product + "\", afterVersion: "
                    + lastSeen + ") { version } }");
            List<JsonNode> missed = changes(resumed.take(finalVersion - lastSeen, WAIT));
            assertThat(missed).extracting(change -> change.path("version").asInt())
                    .containsExactlyElementsOf(range(lastSeen + 1, finalVersion));
            assertThat(resumed.next(QUIET)).as("nothing twice").isNull();

            update(product, "after the resume");
            assertThat(changes(resumed.take(1, WAIT)).get(0).path("version").asInt()).isEqualTo(finalVersion + 1);
        }
    }

    @Test
    void notices_that_could_not_reach_redis_mid_burst_reach_every_subscriber_on_both_replicas_once_it_answers()
            throws Exception {
        List<String> products = createProducts("CUT", 4);
        int before = 6;
        int whileCut = 6;
        try (GraphQLSubscriber onFirst = GraphQLSubscriber.to(shop.queryApps.get(0).graphql());
                GraphQLSubscriber onSecond = GraphQLSubscriber.to(shop.queryApps.get(1).graphql())) {
            var allOnFirst = onFirst.subscribe("subscription { productChanged { id version name } }");
            var allOnSecond = onSecond.subscribe("subscription { productChanged { id version name } }");
            var oneOnFirst = onFirst.subscribe(
                    "subscription { productChanged(id: \"" + products.get(0) + "\") { id version name } }");
            awaitSubscriptions(shop.queryApps.get(0), 2);
            awaitSubscriptions(shop.queryApps.get(1), 1);

            burst(products, before);
            for (TcpProxy link : shop.redisLinks) {
                link.cut();
            }
            Map<String, Integer> finalVersions;
            try {
                for (AppProcess replica : shop.queryApps) {
                    awaitMetric(replica, "cqrs_subscriptions_listening", 0);
                }
                finalVersions = burst(products, whileCut);
                // Projected while Redis is away: the views move on, the notices wait.
                awaitVersions(products, finalVersions);
            } finally {
                for (TcpProxy link : shop.redisLinks) {
                    link.restore();
                }
            }

            int expected = products.size() * (before + whileCut);
            assertEveryVersionOnceInOrder(changes(allOnFirst.take(expected, AFTER_OUTAGE)), products, 2, 1 + before + whileCut);
            assertEveryVersionOnceInOrder(changes(allOnSecond.take(expected, AFTER_OUTAGE)), products, 2, 1 + before + whileCut);
            assertEveryVersionOnceInOrder(changes(oneOnFirst.take(before + whileCut, AFTER_OUTAGE)), products.subList(0, 1),
                    2, 1 + before + whileCut);
            assertThat(allOnFirst.next(QUIET)).as("nothing twice").isNull();
            assertThat(allOnSecond.next(QUIET)).isNull();
        }
    }

    @Test
    void a_replica_that_could_not_read_the_change_log_while_the_other_wrote_to_it_delivers_what_it_missed()
            throws Exception {
        AppProcess cutOff = shop.queryApps.get(1);
        List<String> products = createProducts("DEAF", 4);
        int updates = 8;
        try (GraphQLSubscriber client = GraphQLSubscriber.to(cutOff.graphql())) {
            var everyProduct = client.subscribe("subscription { productChanged { id version } }");
            var oneProduct = client.subscribe("subscription { productChanged(id: \"" + products.get(0) + "\") { id version } }");
            awaitSubscriptions(cutOff, 2);

            TcpProxy link = shop.redisLinks.get(1);
            link.cut();
            Map<String, Integer> finalVersions;
            try {
                awaitMetric(cutOff, "cqrs_subscriptions_listening", 0);
                // Both replicas project these; the first one's notices reach the log meanwhile.
                finalVersions = burst(products, updates);
                awaitVersions(products, finalVersions);
            } finally {
                link.restore();
            }

            assertEveryVersionOnceInOrder(changes(everyProduct.take(products.size() * updates, AFTER_OUTAGE)), products, 2,
                    1 + updates);
            assertEveryVersionOnceInOrder(changes(oneProduct.take(updates, AFTER_OUTAGE)), products.subList(0, 1), 2,
                    1 + updates);
            assertThat(everyProduct.next(QUIET)).as("nothing twice").isNull();
        }
    }

    @Test
    void a_client_that_stops_reading_is_ended_as_too_slow_while_the_others_get_every_change() throws Exception {
        AppProcess replica = shop.queryApps.get(0);
        List<String> products = createProducts("SLOW", 4);
        try (GraphQLSubscriber healthy = GraphQLSubscriber.to(replica.graphql())) {
            var watching = healthy.subscribe("subscription { productChanged { id version } }");
            awaitSubscriptions(replica, 1);
            double endedBefore = metric(replica, "cqrs_subscriptions_closed_total", "reason=\"too_slow\"");
            try (GraphQLWebSocket stuck = GraphQLWebSocket.connect(replica.graphql())) {
                List<GraphQLResults> stuckSubscriptions = new ArrayList<>();
                for (int i = 0; i < STUCK_SUBSCRIPTIONS; i++) {
                    stuckSubscriptions.add(stuck.subscribe("subscription { productChanged { id version name description sku"
                            + " category price { amountMinor currency } stockQuantity createdAt updatedAt } }"));
                }
                awaitSubscriptions(replica, 1 + STUCK_SUBSCRIPTIONS);
                stuck.stopReading();

                // Long descriptions, so that the stuck client's socket fills soon; the cap on rounds only
                // keeps a server that never ends it from looping forever.
                int rounds = 0;
                int updatesPerRound = 10;
                while (metric(replica, "cqrs_subscriptions_active", "") > 1 && rounds < 30) {
                    awaitVersions(products, burst(products, updatesPerRound, LONG_DESCRIPTION));
                    rounds++;
                }

                assertThat(metric(replica, "cqrs_subscriptions_closed_total", "reason=\"too_slow\"") - endedBefore)
                        .as("the stuck client's subscriptions, ended").isEqualTo(STUCK_SUBSCRIPTIONS);
                int finalVersion = 1 + rounds * updatesPerRound;
                assertEveryVersionOnceInOrder(changes(watching.take(products.size() * (finalVersion - 1), WAIT)), products, 2,
                        finalVersion);

                // Reading again, it learns why each of its subscriptions ended.
                stuck.readAgain();
                for (GraphQLResults ended : stuckSubscriptions) {
                    ended.completed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(ended.drain()).last().satisfies(last -> assertThat(
                            last.path("errors").path(0).path("extensions").path("code").asText()).isEqualTo("SUBSCRIBER_TOO_SLOW"));
                }
            }
        }
    }

    private static List<String> createProducts(String skuPrefix, int count) {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            products.add(createProduct(skuPrefix + "-" + i));
        }
        awaitCreated(products);
        return products;
    }

    /**
     * At least {@code count} products, created one at a time until the replicas share the partitions
     * and each has projected the creation of one of them since. Which replica projects a stream
     * depends on the partition its id hashes to, so a fixed handful of products may all land on
     * partitions one replica holds, and before the first rebalance one replica holds them all.
     */
    private static List<String> createProductsProjectedByBoth(String skuPrefix, int count, AppProcess first,
            AppProcess second) throws Exception {
        ReadSide onFirst = new ReadSide(shop, first);
        ReadSide onSecond = new ReadSide(shop, second);
        Instant deadline = Instant.now().plus(AFTER_OUTAGE);
        List<String> products = new ArrayList<>();
        boolean byFirst = false;
        boolean bySecond = false;
        while (products.size() < count || !(byFirst && bySecond)) {
            assertThat(Instant.now()).as("both replicas holding partitions and projecting creations").isBefore(deadline);
            double firstBefore = projected(first);
            double secondBefore = projected(second);
            String product = createProduct(skuPrefix + "-" + products.size());
            awaitCreated(List.of(product));
            await().atMost(WAIT).until(() -> projected(first) + projected(second) > firstBefore + secondBefore);
            products.add(product);
            int heldByFirst = onFirst.partitionsHeld();
            int heldBySecond = onSecond.partitionsHeld();
            // Only an even split is settled: from any other, a rebalance round still moves partitions,
            // and with them the streams each replica projected.
            int fairShare = TestRabbit.PARTITIONS / 2;
            boolean settled = heldByFirst == fairShare && heldBySecond == fairShare;
            byFirst = settled && (byFirst || projected(first) > firstBefore);
            bySecond = settled && (bySecond || projected(second) > secondBefore);
        }
        return products;
    }

    /**
     * Until the read model holds each product at its version. Asked with minVersion, so that the
     * answer comes from MongoDB whenever Redis holds an older one: a replica whose own link to Redis
     * is cut cannot invalidate what it projects, and the others may serve the older value until it
     * heals the cache (docs/operations.md, "Redis down").
     */
    private static void awaitVersions(List<String> products, Map<String, Integer> versions) {
        for (String product : products) {
            int version = versions.get(product);
            await().atMost(WAIT).until(() -> GraphQL.post(shop.queryApp.graphql(), "{ product(id: \"" + product
                    + "\", minVersion: " + version + ") { version } }").path("data").path("product").path("version").asInt()
                    >= version);
        }
    }

    /** Updates each product {@code updates} times, the products side by side; returns each one's last version. */
    private static Map<String, Integer> burst(List<String> products, int updates) {
        return burst(products, updates, null);
    }

    /** @param description each update's description; none when {@code null} */
    private static Map<String, Integer> burst(List<String> products, int updates, String description) {
        Map<String, CompletableFuture<Integer>> perProduct = new HashMap<>();
        for (String product : products) {
            perProduct.put(product, CompletableFuture.supplyAsync(() -> {
                int version = 0;
                for (int i = 1; i <= updates; i++) {
                    version = update(product, "burst " + i, description);
                }
                return version;
            }, CLIENTS));
        }
        Map<String, Integer> finalVersions = new HashMap<>();
        perProduct.forEach((product, version) -> finalVersions.put(product, version.join()));
        return finalVersions;
    }

    private static void assertEveryVersionOnceInOrder(List<JsonNode> changes, List<String> products, int from, int to) {
        Map<String, List<Integer>> versions = new HashMap<>();
        for (JsonNode change : changes) {
            versions.computeIfAbsent(change.path("id").asText(), id -> new ArrayList<>()).add(change.path("version").asInt());
        }
        assertThat(versions.keySet()).containsExactlyInAnyOrderElementsOf(products);
        versions.forEach((product, seen) -> assertThat(seen).as("versions of %s", product)
                .containsExactlyElementsOf(range(from, to)));
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int version = from; version <= to; version++) {
            range.add(version);
        }
        return range;
    }

    private static List<JsonNode> changes(List<JsonNode> results) {
        List<JsonNode> changes = new ArrayList<>();
        for (JsonNode result : results) {
            assertThat(result.path("errors").isMissingNode()).as("errors in %s", result).isTrue();
            changes.add(result.path("data").path("productChanged"));
        }
        return changes;
    }

    /** Creations must not count among the notifications a test expects. */
    private static void awaitCreated(List<String> products) {
        for (String product : products) {
            await().atMost(WAIT).until(() -> GraphQL.post(shop.queryApp.graphql(), "{ product(id: \"" + product
                    + "\") { version } }").path("data").path("product").path("version").asInt() == 1);
        }
    }

    private static void awaitSubscriptions(AppProcess replica, int count) {
        awaitMetric(replica, "cqrs_subscriptions_active", count);
    }

    private static void awaitMetric(AppProcess replica, String name, double value) {
        await().atMost(WAIT).until(() -> metric(replica, name, "") == value);
    }

    /** The first series of a metric whose labels include {@code label} ({@code reason="too_slow"}); 0 if none. */
    private static double metric(AppProcess replica, String name, String label) throws IOException, InterruptedException {
        Matcher series = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.E+-]+)", Pattern.MULTILINE)
                .matcher(GraphQL.get(replica.url("/q/metrics")));
        while (series.find()) {
            if (label.isEmpty() || (series.group(1) != null && series.group(1).contains(label))) {
                return Double.parseDouble(series.group(2));
            }
        }
        return 0;
    }

    private static double projected(AppProcess replica) throws Exception {
        Matcher counters = PROJECTED.matcher(GraphQL.get(replica.url("/q/metrics")));
        double total = 0;
        while (counters.find()) {
            total += Double.parseDouble(counters.group(2));
        }
        return total;
    }

    private static String createProduct(String sku) {
        return command("mutation { createProduct(input: {sku: \"" + sku + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "\", name: \"" + sku + "\", description: \"\", price: {amountMinor: 900, currency: \"EUR\"},"
                + " category: \"burst\", stockQuantity: 5}) { id } }").path("createProduct").path("id").asText();
    }

    private static int update(String product, String name) {
        return update(product, name, null);
    }

    private static int update(String product, String name, String description) {
        String describe = description == null ? "" : ", description: \"" + description + "\"";
        return command("mutation { updateProduct(input: {productId: \"" + product + "\", name: \"" + name + "\"" + describe
                + "}) { version } }").path("updateProduct").path("version").asInt();
    }

    private static JsonNode command(String document) {
        JsonNode response = GraphQL.post(shop.commandApp.graphql(), document);
        assertThat(response.path("errors").isMissingNode()).as("errors in %s", response).isTrue();
        return response.path("data");
    }
}
