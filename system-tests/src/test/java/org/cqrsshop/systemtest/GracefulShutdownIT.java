package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonDocument;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.systemtest.convergence.ReadModelChecker;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as Kubernetes sends it on every rollout and scale-down, to each app under a steady
 * command load. Clients retry each command with its idempotency key until it is acknowledged,
 * as a careful client would. Afterwards each command must have taken effect exactly once, and
 * the read model must equal the event store, with nothing dead-lettered.
 */
class GracefulShutdownIT extends SystemTest {

    private static final int PRODUCTS = 4;
    private static final int CLIENTS = 4;
    private static final int INITIAL_STOCK = 1000;
    private static final Duration GRACE = Duration.ofSeconds(30);
    /** Commands acknowledged before, between and after the stops, so that each stop meets a load, however fast the machine. */
    private static final int COMMANDS_BETWEEN_STOPS = 20;

    private final List<String> products = new ArrayList<>();
    private final List<String> customers = new ArrayList<>();
    /** Acknowledged commands per stream id: stock units added to a product, items added to a cart. */
    private final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicBoolean loadRunning = new AtomicBoolean(true);

    @Test
    void sigterm_to_either_app_under_load_loses_nothing_and_applies_nothing_twice() throws Exception {
        for (int i = 0; i < PRODUCTS; i++) {
            products.add(command("mutation { createProduct(input: {sku: \"TERM-" + i + "-" + UUID.randomUUID().toString()
                    .substring(0, 6) + "\", name: \"Term " + i + "\", description: \"\", price: {amountMinor: 500,"
                    + " currency: \"EUR\"}, category: \"term\", stockQuantity: " + INITIAL_STOCK + "}) { id } }")
                    .path("createProduct").path("id").asText());
        }
        for (int i = 0; i < CLIENTS; i++) {
            customers.add(UUID.randomUUID().toString());
        }

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            String customer = customers.get(client);
            load.add(clients.submit(() -> sendUntilStopped(customer)));
        }
        try {
            awaitMoreAcknowledged(COMMANDS_BETWEEN_STOPS);
            Duration commandAppStop = shop.commandApp.terminate(GRACE);
            shop.commandApp.start();
            awaitMoreAcknowledged(COMMANDS_BETWEEN_STOPS);
            Duration queryAppStop = shop.queryApp.terminate(GRACE);
            shop.queryApp.start();
            awaitMoreAcknowledged(COMMANDS_BETWEEN_STOPS);
            loadRunning.set(false);
            for (Future<?> client : load) {
                client.get();
            }
            System.out.printf("GracefulShutdownIT: command-app stopped in %d ms, query-app in %d ms after SIGTERM%n",
                    commandAppStop.toMillis(), queryAppStop.toMillis());
        } finally {
            loadRunning.set(false);
            clients.shutdownNow();
        }

        try (ReadModelChecker checker = new ReadModelChecker(shop.postgres, shop.mongo)) {
            checker.awaitConvergence(Duration.ofSeconds(60));
            Map<UUID, List<EventEnvelope>> streams = checker.store().streams();
            Map<String, Map<String, BsonDocument>> views = checker.views().snapshot();
            int acknowledgedInAll = acknowledged.values().stream().mapToInt(AtomicInteger::get).sum();
            long committed = streams.values().stream().mapToLong(List::size).sum();
            System.out.printf("GracefulShutdownIT: %d requests sent, %d refused or cut while an app was stopping or"
                            + " down (then retried with the same key), %d commands acknowledged, %d events committed,"
                            + " %d dead-lettered%n",
                    sent.sum(), refused.sum(), acknowledgedInAll, committed,
                    shop.rabbit.messageCount(shop.rabbit.deadLetterQueue()));

            assertThat(refused.sum()).as("the stops did interrupt the load").isPositive();
            for (String product : products) {
                int added = acknowledged.getOrDefault(product, new AtomicInteger()).get();
                assertThat(streams.get(UUID.fromString(product))).as("events of product %s", product)
                        .hasSize(1 + added);
                assertThat(views.get("products").get(product).getInt32("stockQuantity").getValue())
                        .as("stock of product %s", product).isEqualTo(INITIAL_STOCK + added);
            }
            for (EventEnvelope event : checker.store().allEvents()) {
                if (event.streamType().equals("cart")) {
                    String cart = event.streamId().toString();
                    assertThat(views.get("carts").get(cart).getInt32("itemCount").getValue()).as("cart %s", cart)
                            .isEqualTo(acknowledged.get(cart).get());
                }
            }
            assertThat(shop.rabbit.messageCount(shop.rabbit.deadLetterQueue())).isZero();
        }
    }

    private void awaitMoreAcknowledged(int commands) {
        int before = acknowledgedSoFar();
        await().atMost(Patience.RECOVERY).until(() -> acknowledgedSoFar() >= before + commands);
    }

    private int acknowledgedSoFar() {
        return acknowledged.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** One client: stock in, or an item into its cart, each command retried with its key until acknowledged. */
    private void sendUntilStopped(String customer) {
        while (loadRunning.get()) {
            String product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
            String key = UUID.randomUUID().toString();
            boolean stock = ThreadLocalRandom.current().nextBoolean();
            String mutation = stock
                    ? "mutation { adjustStock(input: {productId: \"" + product + "\", delta: 1, reason: \"delivery\","
                            + " idempotencyKey: \"" + key + "\"}) { id } }"
                    : "mutation { addToCart(input: {customerId: \"" + customer + "\", productId: \"" + product
                            + "\", quantity: 1, idempotencyKey: \"" + key + "\"}) { id } }";
            String stream = untilAcknowledged(mutation).path(stock ? "adjustStock" : "addToCart").path("id").asText();
            acknowledged.computeIfAbsent(stream, id -> new AtomicInteger()).incrementAndGet();
        }
    }

    private JsonNode untilAcknowledged(String mutation) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            sent.increment();
            try {
                JsonNode response = GraphQL.post(shop.commandApp.graphql(), mutation);
                if (response.path("errors").isMissingNode()) {
                    return response.path("data");
                }
                throw new AssertionError("a command failed: " + response);
            } catch (IllegalStateException refusedOrCut) {
                refused.increment();
                if (Instant.now().isAfter(giveUp)) {
                    throw new AssertionError("the command-app did not come back", refusedOrCut);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
