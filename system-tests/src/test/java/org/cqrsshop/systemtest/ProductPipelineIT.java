package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.Test;

/**
 * The whole path, end to end: a mutation on the command-app, the event in PostgreSQL, the relay to
 * RabbitMQ, the projection in MongoDB, and a query on the query-app, with both apps as processes.
 */
class ProductPipelineIT extends SystemTest {

    private static final Duration VISIBLE_WITHIN = Patience.SERVICE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DUPLICATES = Pattern.compile(
            "cqrs_projection_events_total\\{outcome=\"duplicate\",stream_type=\"product\"} ([0-9.E]+)");

    @Test
    void a_created_product_is_readable_on_the_query_app_with_equal_fields() {
        JsonNode created = command("mutation { createProduct(input: {sku: \"MUG-001\", name: \"Espresso mug\","
                + " description: \"Stoneware, 80 ml\", price: {amountMinor: 1299, currency: \"EUR\"},"
                + " category: \"kitchen\", stockQuantity: 25}) { id version } }").path("createProduct");
        String id = created.path("id").asText();
        assertThat(created.path("version").asInt()).isEqualTo(1);

        JsonNode product = await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> readProduct(id), found -> found != null);

        assertThat(product.path("id").asText()).isEqualTo(id);
        assertThat(product.path("sku").asText()).isEqualTo("MUG-001");
        assertThat(product.path("name").asText()).isEqualTo("Espresso mug");
        assertThat(product.path("description").asText()).isEqualTo("Stoneware, 80 ml");
        assertThat(product.path("price").path("amountMinor").asLong()).isEqualTo(1299);
        assertThat(product.path("price").path("currency").asText()).isEqualTo("EUR");
        assertThat(product.path("category").asText()).isEqualTo("kitchen");
        assertThat(product.path("stockQuantity").asInt()).isEqualTo(25);
        assertThat(product.path("deleted").asBoolean()).isFalse();
        assertThat(product.path("version").asInt()).isEqualTo(1);
    }

    @Test
    void an_update_reaches_the_read_model_as_version_two_and_a_delete_as_deleted() {
        String id = createProduct("Cup");

        JsonNode updated = command("mutation { updateProduct(input: {productId: \"" + id + "\", expectedVersion: 1,"
                + " name: \"Tea cup\", price: {amountMinor: 899, currency: \"EUR\"}}) { version } }");
        assertThat(updated.path("updateProduct").path("version").asInt()).isEqualTo(2);
        JsonNode v2 = awaitVersion(id, 2);
        assertThat(v2.path("name").asText()).isEqualTo("Tea cup");
        assertThat(v2.path("price").path("amountMinor").asLong()).isEqualTo(899);

        command("mutation { deleteProduct(input: {productId: \"" + id + "\"}) { version } }");
        JsonNode v3 = awaitVersion(id, 3);
        assertThat(v3.path("deleted").asBoolean()).isTrue();
        assertThat(v3.path("deletedAt").isTextual()).isTrue();
    }

    @Test
    void of_two_concurrent_updates_at_the_same_expected_version_exactly_one_succeeds() {
        String id = createProduct("Bowl");

        List<CompletableFuture<JsonNode>> updates = List.of(
                GraphQL.postAsync(shop.commandApp.graphql(), rename(id, 1, "Soup bowl")),
                GraphQL.postAsync(shop.commandApp.graphql(), rename(id, 1, "Salad bowl")));
        List<JsonNode> responses = updates.stream().map(CompletableFuture::join).toList();

        assertThat(responses).filteredOn(r -> r.path("data").path("updateProduct").path("version").asInt() == 2)
                .hasSize(1);
        assertThat(responses).filteredOn(r -> "CONCURRENCY_CONFLICT".equals(
                r.path("errors").path(0).path("extensions").path("code").asText())).hasSize(1);
        JsonNode winner = awaitVersion(id, 2);
        assertThat(winner.path("name").asText()).isIn("Soup bowl", "Salad bowl");
    }

    @Test
    void events_published_again_leave_the_views_unchanged() throws Exception {
        List<String> ids = List.of(createProduct("Jug"), createProduct("Plate"));
        command(rename(ids.get(0), 1, "Milk jug"));
        awaitVersion(ids.get(0), 2);
        awaitVersion(ids.get(1), 1);
        List<JsonNode> before = ids.stream().map(ProductPipelineIT::readProduct).toList();
        double duplicatesBefore = duplicatesCounted();

        // As if the relay died after the broker confirmed but before it saved its checkpoint:
        // everything in the store goes out once more.
        long republished = rewindRelayCheckpoint();

        await().atMost(VISIBLE_WITHIN).until(() -> duplicatesCounted() - duplicatesBefore >= republished);
        assertThat(ids.stream().map(ProductPipelineIT::readProduct).toList()).isEqualTo(before);
    }

    @Test
    void restarting_the_query_app_while_events_are_produced_loses_none_of_them() throws Exception {
        int products = 40;
        AtomicInteger producedSoFar = new AtomicInteger();
        ExecutorService producer = Executors.newSingleThreadExecutor();
        Future<List<String>> produced = producer.submit(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < products; i++) {
                String id = createProduct("Restart " + i);
                command(rename(id, 1, "Restart " + i + " renamed"));
                ids.add(id);
                producedSoFar.incrementAndGet();
            }
            return ids;
        });
        try {
            // Killed mid-stream, and events produced while it is down: however fast the machine.
            await().atMost(VISIBLE_WITHIN).until(() -> producedSoFar.get() >= 3);
            shop.queryApp.kill();
            int producedBeforeTheKill = producedSoFar.get();
            await().atMost(VISIBLE_WITHIN).until(() -> producedSoFar.get() >= producedBeforeTheKill + 2);
            shop.queryApp.start();

            for (String id : produced.get()) {
                JsonNode product = awaitVersion(id, 2, Patience.RECOVERY);
                assertThat(product.path("name").asText()).endsWith("renamed");
            }
        } finally {
            producer.shutdownNow();
        }
    }

    @Test
    void events_committed_while_the_broker_is_unreachable_are_published_once_it_is_back() throws Exception {
        shop.commandAppBrokerLink.cut();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(createProduct("Outage " + i)); // the write side keeps taking commands
            }
            // Rather than a pause: the relay has tried, found the broker gone, and holds the events.
            await().atMost(VISIBLE_WITHIN).until(ProductPipelineIT::brokerReadiness,
                    broker -> !broker.path("relayPublishing").asBoolean(true) && broker.path("backlogEvents").asLong() >= 5);
            assertThat(ids).as("nothing can have reached the read side").allMatch(id -> readProduct(id) == null);
        } finally {
            shop.commandAppBrokerLink.restore();
        }
        for (String id : ids) {
            awaitVersion(id, 1, Patience.RECOVERY);
        }
    }

    private static String createProduct(String name) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        return command("mutation { createProduct(input: {sku: \"" + sku + "\", name: \"" + name + "\","
                + " description: \"\", price: {amountMinor: 500, currency: \"EUR\"}, category: \"test\","
                + " stockQuantity: 1}) { id } }").path("createProduct").path("id").asText();
    }

    private static String rename(String id, int expectedVersion, String name) {
        return "mutation { updateProduct(input: {productId: \"" + id + "\", expectedVersion: " + expectedVersion
                + ", name: \"" + name + "\"}) { version } }";
    }

    /** The product as the query-app serves it, or null while the read model has not seen it. */
    private static JsonNode readProduct(String id) {
        JsonNode response = GraphQL.post(shop.queryApp.graphql(), "{ product(id: \"" + id + "\") { id sku name"
                + " description price { amountMinor currency } category stockQuantity deleted version createdAt"
                + " updatedAt deletedAt } }");
        JsonNode error = response.path("errors").path(0);
        if (!error.isMissingNode()) {
            assertThat(error.path("extensions").path("code").asText()).isEqualTo("NOT_FOUND");
            return null;
        }
        return response.path("data").path("product");
    }

    private static JsonNode awaitVersion(String id, int version) {
        return awaitVersion(id, version, VISIBLE_WITHIN);
    }

    private static JsonNode awaitVersion(String id, int version, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> readProduct(id), product -> product != null && product.path("version").asInt() == version);
    }

    /** The data of the command-app's readiness check of the broker and its relay. */
    private static JsonNode brokerReadiness() throws Exception {
        for (JsonNode check : JSON.readTree(GraphQL.get(shop.commandApp.url("/q/health/ready"))).path("checks")) {
            if (check.path("name").asText().equals("rabbitmq")) {
                return check.path("data");
            }
        }
        throw new AssertionError("the command-app has no rabbitmq readiness check");
    }

    private static long rewindRelayCheckpoint() throws Exception {
        try (Connection connection = shop.postgres.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE relay_checkpoints SET last_transaction_id = '0', last_position = 0");
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM events")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private static double duplicatesCounted() throws Exception {
        Matcher counter = DUPLICATES.matcher(GraphQL.get(shop.queryApp.url("/q/metrics")));
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }
}
