package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqrsshop.testing.GraphQLResults;
import org.cqrsshop.testing.GraphQLSubscriber;
import org.cqrsshop.testing.GraphQLWebSocket;
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
    private static final Duration RECONNECT_AND_FIRST_NOTICE = Duration.ofSeconds(60);
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
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            products.add(createProduct("BURST-" + i));
        }
        awaitCreated(products);
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
        int updates = 30;
        int lastSeen;
        CompletableFuture<Void> sent;
        try (GraphQLSubscriber client = GraphQLSubscriber.to(shop.queryApps.get(1).graphql())) {
            var changes = client.subscribe("subscription { productChanged(id: \"" + product + "\") { version } }");
            awaitSubscriptions(shop.queryApps.get(1), 1);
            sent = CompletableFuture.runAsync(() -> burst(List.of(product), updates), CLIENTS);
            List<JsonNode> before = changes(changes.take(3, WAIT));
            assertThat(before).extracting(change -> change.path("version").asInt()).containsExactly(2, 3, 4);
            lastSeen = 4;
        }
        assertThat(sent).as("the burst goes on while the client is away").isNotDone();
        sent.join();

        try (GraphQLSubscriber back = GraphQLSubscriber.to(shop.queryApps.get(0).graphql())) {
            var resumed = back.subscribe("subscription { productChanged(id: \"" + product + "\", afterVersion: "
                    + lastSeen + ") { version } }");
            List<JsonNode> missed = changes(resumed.take(1 + updates - lastSeen, WAIT));
            assertThat(missed).extracting(change -> change.path("version").asInt())
                    .containsExactlyElementsOf(range(lastSeen + 1, 1 + updates));
            assertThat(resumed.next(QUIET)).as("nothing twice").isNull();

            update(product, "after the resume");
            assertThat(changes(resumed.take(1, WAIT)).get(0).path("version").asInt()).isEqualTo(2 + updates);
        }
    }

    @Test
    void a_stuck_subscriber_slows_neither_the_projections_nor_the_other_subscribers() throws Exception {
        AppProcess replica = shop.queryApps.get(0);
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            products.add(createProduct("SLOW-" + i));
        }
        awaitCreated(products);
        int updates = 40;
        try (GraphQLSubscriber healthy = GraphQLSubscriber.to(replica.graphql())) {
            var watching = healthy.subscribe("subscription { productChanged { id version } }");
            awaitSubscriptions(replica, 1);

            // The same subscriptions, read and then not read, so that only the stuck client differs.
            double withReadingClient;
            try (GraphQLSubscriber reading = GraphQLSubscriber.to(replica.graphql())) {
                subscribeTwentyTimes(reading::subscribe);
                awaitSubscriptions(replica, 21);
                withReadingClient = projectionRate(products, updates, watching);
            }
            awaitSubscriptions(replica, 1);
            try (GraphQLWebSocket stuck = GraphQLWebSocket.connect(replica.graphql())) {
                subscribeTwentyTimes(stuck::subscribe);
                awaitSubscriptions(replica, 21);
                stuck.stopReading();

                double withStuckClient = projectionRate(products, updates, watching);

                System.out.printf("Projection rate beside a client with 20 subscriptions: %.0f events/s while it reads,"
                        + " %.0f events/s while it is stuck (%.0f%%)%n",
                        withReadingClient, withStuckClient, 100 * withStuckClient / withReadingClient);
                // Generous, for a shared two-core machine: it guards against the projector waiting on a client.
                assertThat(withStuckClient).isGreaterThan(withReadingClient / 3);
            }
        }
    }

    private static void subscribeTwentyTimes(Function<String, GraphQLResults> subscribe) {
        for (int i = 0; i < 20; i++) {
            subscribe.apply("subscription { productChanged { id version name description sku category"
                    + " price { amountMinor currency } stockQuantity createdAt updatedAt } }");
        }
    }

    /**
     * Commits a burst while the relay cannot reach the broker, then lets it through: the events per
     * second between the first and the last notification a healthy subscriber receives, which
     * come only after each event is projected. Checks each version came once, in order.
     */
    private static double projectionRate(List<String> products, int updates, GraphQLResults watching)
            throws InterruptedException {
        Map<String, Integer> finalVersions;
        shop.commandAppBrokerLink.cut();
        try {
            finalVersions = burst(products, updates);
        } finally {
            shop.commandAppBrokerLink.restore();
        }
        int expected = products.size() * updates;
        List<JsonNode> seen = new ArrayList<>();
        long first = 0;
        long last = 0;
        while (seen.size() < expected) {
            // The first waits for the relay to reconnect to the broker and publish the whole burst.
            seen.addAll(changes(watching.take(1, seen.isEmpty() ? RECONNECT_AND_FIRST_NOTICE : WAIT)));
            last = System.nanoTime();
            first = seen.size() == 1 ? last : first;
        }
        int firstVersion = finalVersions.get(products.get(0)) - updates + 1;
        assertEveryVersionOnceInOrder(seen, products, firstVersion, firstVersion + updates - 1);
        return (expected - 1) / ((last - first) / 1e9);
    }

    /** Updates each product {@code updates} times, the products side by side; returns each one's last version. */
    private static Map<String, Integer> burst(List<String> products, int updates) {
        Map<String, CompletableFuture<Integer>> perProduct = new HashMap<>();
        for (String product : products) {
            perProduct.put(product, CompletableFuture.supplyAsync(() -> {
                int version = 0;
                for (int i = 1; i <= updates; i++) {
                    version = update(product, "burst " + i);
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
        Pattern active = Pattern.compile("cqrs_subscriptions_active(\\{[^}]*})? ([0-9.E]+)");
        await().atMost(WAIT).until(() -> {
            Matcher matcher = active.matcher(GraphQL.get(replica.url("/q/metrics")));
            return matcher.find() && Double.parseDouble(matcher.group(2)) == count;
        });
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
        return command("mutation { updateProduct(input: {productId: \"" + product + "\", name: \"" + name + "\"})"
                + " { version } }").path("updateProduct").path("version").asInt();
    }

    private static JsonNode command(String document) {
        JsonNode response = GraphQL.post(shop.commandApp.graphql(), document);
        assertThat(response.path("errors").isMissingNode()).as("errors in %s", response).isTrue();
        return response.path("data");
    }
}
