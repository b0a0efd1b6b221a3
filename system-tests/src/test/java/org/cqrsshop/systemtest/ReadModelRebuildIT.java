package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.cqrsshop.systemtest.convergence.ConvergenceReport;
import org.cqrsshop.systemtest.convergence.ReadModelChecker;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.Test;

/**
 * A rebuild replays the whole event store into fresh views and swaps them in while queries go on
 * being answered, and commands go on being taken: afterwards the views are those the store
 * folds into, the same documents as before the rebuild where no command touched them since.
 */
class ReadModelRebuildIT extends SystemTest {

    private static final Duration SETTLES_WITHIN = Duration.ofSeconds(30);
    private static final Duration REBUILDS_WITHIN = Duration.ofSeconds(60);
    private static final String ADDRESS = "{recipient: \"Ada Lovelace\", line1: \"12 St James's Square\","
            + " postalCode: \"SW1Y 4JH\", city: \"London\", country: \"GB\"}";
    private static final String PRODUCTS_PAGE = "{ products(first: 50) { totalCount edges { node { id version } } } }";
    private static final int PRODUCTS = 40;
    private static final int ORDERS = 25;
    /** Each line reserves stock with an event of its own, which makes many events from few commands. */
    private static final int LINES_PER_ORDER = 8;

    @Test
    void a_rebuild_under_queries_and_commands_ends_with_every_view_equal_to_its_stream() throws Exception {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(createProduct("REBUILD-" + i));
            adjustStock(products.get(i), 1 + i);
        }
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(placeOrder(products.subList(i, i + LINES_PER_ORDER)));
            if (i % 2 == 0) {
                command(status(orders.get(i), "PAID", "psp-" + i));
            }
        }
        ReadSide readSide = new ReadSide(shop);
        try (ReadModelChecker checker = new ReadModelChecker(shop.postgres, shop.mongo)) {
            readSide.awaitQuiescence(checker, SETTLES_WITHIN);
            Map<String, Map<String, BsonDocument>> before = checker.views().snapshot();
            long eventsBefore = checker.store().allEvents().size();
            assertThat(eventsBefore).isGreaterThanOrEqualTo(300);

            JsonNode rebuild;
            Set<String> changedDuringRebuild;
            // The readers start first and stop only once the rebuild has finished, so they span all of it.
            try (QueriesInALoop queries = new QueriesInALoop(List.of(PRODUCTS_PAGE,
                    "{ order(id: \"" + orders.get(0) + "\") { id status version } }"))) {
                JsonNode started = GraphQL.post(shop.queryApp.graphql(), "mutation { rebuildReadModel { state } }");
                JsonNode second = GraphQL.post(shop.queryApp.graphql(), "mutation { rebuildReadModel { state } }");
                assertThat(started.path("errors").isMissingNode()).as("%s", started).isTrue();
                assertThat(started.path("data").path("rebuildReadModel").path("state").asText()).isEqualTo("RUNNING");
                assertRefusedWhileRunning(second);
                changedDuringRebuild = changeSomeViews(products, orders);
                rebuild = awaitRebuildFinished(readSide);

                queries.stop();
                assertThat(queries.failures()).as("queries that failed during the rebuild").isEmpty();
                assertThat(queries.answered()).isPositive();
                System.out.printf("ReadModelRebuildIT: rebuilt %d events at %.0f events/s (%s to %s);"
                                + " %d queries answered meanwhile%n",
                        rebuild.path("eventsApplied").asLong(), rebuild.path("eventsPerSecond").asDouble(),
                        rebuild.path("startedAt").asText(), rebuild.path("finishedAt").asText(), queries.answered());
            }

            assertThat(rebuild.path("state").asText()).as("%s", rebuild).isEqualTo("SUCCEEDED");
            assertThat(rebuild.path("eventsApplied").asLong()).isGreaterThanOrEqualTo(eventsBefore);
            assertThat(rebuild.path("eventsPerSecond").asDouble()).isPositive();
            checker.awaitConvergence(SETTLES_WITHIN);
            Map<String, Map<String, BsonDocument>> after = checker.views().snapshot();
            before.values().forEach(views -> views.keySet().removeAll(changedDuringRebuild));
            after.values().forEach(views -> views.keySet().removeAll(changedDuringRebuild));
            ConvergenceReport sameAsBefore = ConvergenceReport.compare(before, after);
            assertThat(sameAsBefore.differences()).as("views the rebuild changed, %s", sameAsBefore).isEmpty();
        }
    }

    /** A store this small may be replayed before the second request arrives; only while one runs must it refuse. */
    private static void assertRefusedWhileRunning(JsonNode second) {
        if (second.path("errors").isMissingNode()) {
            System.out.println("ReadModelRebuildIT: the first rebuild had finished before the second was asked for;"
                    + " REBUILD_IN_PROGRESS was not observed");
            return;
        }
        assertThat(second.path("errors").path(0).path("extensions").path("code").asText())
                .isEqualTo("REBUILD_IN_PROGRESS");
    }

    /** @return the ids of the views these commands change */
    private static Set<String> changeSomeViews(List<String> products, List<String> orders) {
        adjustStock(products.get(0), 10);
        command("mutation { updateProduct(input: {productId: \"" + products.get(1)
                + "\", name: \"Renamed during rebuild\"}) { version } }");
        command(status(orders.get(1), "PAID", "psp-during"));
        return Set.of(products.get(0), products.get(1), orders.get(1));
    }

    /** Each query asked again and again on a thread of its own; every answer must have data and no errors. */
    private static final class QueriesInALoop implements AutoCloseable {

        private final ExecutorService threads;
        private final List<Future<?>> loops = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger answered = new AtomicInteger();
        private final Queue<String> failures = new ConcurrentLinkedQueue<>();

        QueriesInALoop(List<String> queries) {
            threads = Executors.newFixedThreadPool(queries.size());
            queries.forEach(query -> loops.add(threads.submit(() -> ask(query))));
        }

        private void ask(String query) {
            do {
                try {
                    JsonNode response = GraphQL.post(shop.queryApp.graphql(), query);
                    if (response.path("errors").isMissingNode() && hasData(response.path("data"))) {
                        answered.incrementAndGet();
                    } else {
                        failures.add(query + " -> " + response);
                    }
                } catch (RuntimeException e) {
                    failures.add(query + " -> " + e);
                }
            } while (running.get());
        }

        private static boolean hasData(JsonNode data) {
            return data.path("products").path("edges").size() > 0 || data.path("order").path("id").isTextual();
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS);
            }
        }

        int answered() {
            return answered.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        @Override
        public void close() {
            running.set(false);
            threads.shutdownNow();
        }
    }

    private static JsonNode awaitRebuildFinished(ReadSide readSide) {
        Instant deadline = Instant.now().plus(REBUILDS_WITHIN);
        JsonNode rebuild = readSide.status().path("rebuild");
        while (rebuild.path("state").asText().equals("RUNNING") && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            rebuild = readSide.status().path("rebuild");
        }
        return rebuild;
    }

    private static String createProduct(String sku) {
        return command("mutation { createProduct(input: {sku: \"" + sku + "\", name: \"Product " + sku + "\","
                + " description: \"for the rebuild\", price: {amountMinor: 1000, currency: \"EUR\"},"
                + " category: \"kitchen\", stockQuantity: 100}) { id } }").path("createProduct").path("id").asText();
    }

    private static void adjustStock(String product, int delta) {
        command("mutation { adjustStock(input: {productId: \"" + product + "\", delta: " + delta
                + ", reason: \"delivery\"}) { version } }");
    }

    private static String placeOrder(List<String> products) {
        String lines = products.stream().map(product -> "{productId: \"" + product + "\", quantity: 1}")
                .collect(Collectors.joining(", "));
        return command("mutation { createOrder(input: {customerId: \"" + UUID.randomUUID() + "\", shippingAddress: "
                + ADDRESS + ", lines: [" + lines + "]}) { id } }").path("createOrder").path("id").asText();
    }

    private static String status(String order, String status, String reason) {
        return "mutation { updateOrderStatus(input: {orderId: \"" + order + "\", status: " + status + ", reason: \""
                + reason + "\"}) { version } }";
    }
}
