package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.bson.Document;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.systemtest.HostileCorpus.App;
import org.cqrsshop.systemtest.HostileCorpus.HostileRequest;
import org.cqrsshop.testing.Patience;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input corpus against both apps as processes: every request gets a typed error (or,
 * for a strange but legal read, an answer), never a server error or a stack trace, and afterwards
 * the event store and the read model are exactly as they were.
 */
class HostileInputIT extends SystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values())
            .filter(code -> code != ErrorCode.INTERNAL).map(Enum::name).collect(Collectors.toSet());
    private static final Set<Integer> STATUSES = Set.of(200, 400, 401, 413, 415);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final int REQUESTS_AT_ONCE = 4;

    @Test
    void every_hostile_request_gets_a_typed_error_and_nothing_changes() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String product = command("mutation { createProduct(input: {sku: \"HOSTILE-1\", name: \"Mug\", description: \"\","
                + " price: {amountMinor: 1299, currency: \"EUR\"}, category: \"kitchen\", stockQuantity: 10}) { id } }")
                .path("createProduct").path("id").asText();
        String order = command("mutation { createOrder(input: {customerId: \"" + alice + "\", shippingAddress: {recipient: \"Ada\","
                + " line1: \"1 Main St\", postalCode: \"1000\", city: \"Brussels\", country: \"BE\"}, lines: [{productId: \""
                + product + "\", quantity: 1}]}) { id } }").path("createOrder").path("id").asText();
        awaitOrderInReadModel(order);
        // The order's other effects (the product's reservation, the relay's checkpoint) land a moment later.
        Map<String, String> before = settledFingerprint();

        List<HostileRequest> corpus = HostileCorpus.against(product, order, alice, bob);
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        // No request of the corpus may change anything, so none depends on another's answer: a few at
        // a time keep its two thousand requests from taking minutes of CI's budget.
        ExecutorService senders = Executors.newFixedThreadPool(REQUESTS_AT_ONCE);
        try {
            List<Future<HttpResponse<String>>> answers = corpus.stream().map(request -> senders.submit(() -> GraphQL.send(
                    request.app() == App.COMMAND ? shop.commandApp.graphql() : shop.queryApp.graphql(),
                    request.contentType(), request.body(), request.token()))).toList();
            for (int i = 0; i < corpus.size(); i++) {
                HostileRequest request = corpus.get(i);
                HttpResponse<String> response = answers.get(i).get();
                String problem = problemWith(request, response);
                if (problem != null) {
                    wrong.add(request.name() + ": " + problem);
                }
                outcomes.merge(response.statusCode() + " " + firstCode(response.body()), 1, Integer::sum);
            }
        } finally {
            senders.shutdownNow();
        }
        System.out.printf("hostile corpus: %d requests; outcomes (HTTP status, code): %s%n", corpus.size(), outcomes);

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(2000);
        assertThat(wrong).as("requests answered wrongly").isEmpty();
        // Whatever slipped through would reach the read model within seconds: both must stay as they were.
        await().during(Duration.ofSeconds(3)).atMost(Patience.SERVICE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(fingerprint()).as("the event store and the read model, byte for byte")
                        .isEqualTo(before));
    }

    /** The same shop through the one endpoint (GatewayHostileCorpus): each request gets its documented refusal. */
    @Test
    void every_hostile_request_through_the_gateway_gets_its_documented_refusal_and_nothing_changes() throws Exception {
        UUID alice = UUID.randomUUID();
        String product = command("mutation { createProduct(input: {sku: \"HOSTILE-GW-1\", name: \"Mug\", description: \"\","
                + " price: {amountMinor: 1299, currency: \"EUR\"}, category: \"kitchen\", stockQuantity: 10}) { id } }")
                .path("createProduct").path("id").asText();
        String order = command("mutation { createOrder(input: {customerId: \"" + alice + "\", shippingAddress: {recipient: \"Ada\","
                + " line1: \"1 Main St\", postalCode: \"1000\", city: \"Brussels\", country: \"BE\"}, lines: [{productId: \""
                + product + "\", quantity: 1}]}) { id } }").path("createOrder").path("id").asText();
        awaitOrderInReadModel(order);
        try (GatewayProcess gateway = GatewayProcess.start(shop)) {
            Map<String, String> before = settledFingerprint();
            GatewayHostileCorpus corpus = new GatewayHostileCorpus(product, order, alice, UUID.randomUUID());
            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> wrong = new ArrayList<>(corpus.problemsOverHttp(gateway.graphql(), outcomes));
            wrong.addAll(corpus.problemsOverWebSocket(gateway.graphql()));
            System.out.printf("gateway hostile corpus: %d requests (%d over HTTP, %d over WebSocket); HTTP outcomes: %s%n",
                    corpus.size(), corpus.httpCases.size(), corpus.socketCases.size(), outcomes);

            assertThat(corpus.size()).isGreaterThanOrEqualTo(180);
            assertThat(wrong).as("requests answered wrongly through the gateway").isEmpty();
            await().during(Duration.ofSeconds(3)).atMost(Patience.SERVICE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(fingerprint()).as("the event store and the read model, byte for byte")
                            .isEqualTo(before));
        }
    }

    private static String problemWith(HostileRequest request, HttpResponse<String> response) {
        if (!STATUSES.contains(response.statusCode())) {
            return "HTTP " + response.statusCode();
        }
        String body = response.body();
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.cqrsshop.") || body.contains("java.")) {
            return "internals in the answer: " + abbreviate(body);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (Exception notJson) {
            return "not JSON: " + abbreviate(body);
        }
        JsonNode errors = answer == null ? null : answer.path("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return request.mustBeRefused() ? "accepted: " + abbreviate(body) : null;
        }
        for (JsonNode error : errors) {
            String code = error.path("extensions").path("code").asText("");
            if (!CODES.contains(code)) {
                return "error code '" + code + "': " + abbreviate(body);
            }
            if (request.refusal() != null && !code.equals(request.refusal().code())) {
                return "refused as " + code + ", not " + request.refusal().code() + ": " + abbreviate(body);
            }
        }
        if (request.refusal() != null && !request.refusal().fragments().stream().allMatch(body::contains)) {
            return "refused without naming " + request.refusal().fragments() + ": " + abbreviate(body);
        }
        JsonNode data = answer.path("data");
        if (request.mustBeRefused() && data.isObject()) {
            for (JsonNode field : data) {
                if (!field.isNull()) {
                    return "refused and answered at once: " + abbreviate(body);
                }
            }
        }
        return null;
    }

    private static String firstCode(String body) {
        try {
            return JSON.readTree(body).path("errors").path(0).path("extensions").path("code").asText("none");
        } catch (Exception notJson) {
            return "not-json";
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static void awaitOrderInReadModel(String order) {
        ReadSide.awaitUntil(Instant.now().plus(SETTLE), "order " + order + " in the read model",
                () -> !GraphQL.post(shop.queryApp.graphql(), "{ order(id: \"" + order + "\") { id } }")
                        .path("data").path("order").isNull());
    }

    /**
     * The stores once nothing has changed for longer than the query-app's freshness refresh (5 s):
     * each refresh may move the applied position it keeps in read_model_state, a write of its own
     * that no request caused.
     */
    private static Map<String, String> settledFingerprint() {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        await().during(Duration.ofSeconds(6)).atMost(SETTLE).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Map<String, String> now = fingerprint();
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /** A digest of each table of the event store and each collection of the read model, by name. */
    private static Map<String, String> fingerprint() throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Connection connection = shop.postgres.connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '')"
                        + " FROM " + table + " t")) {
                    rows.next();
                    digests.put("postgres " + table, sha256(rows.getString(1)));
                }
            }
        }
        try (MongoClient client = shop.mongo.client()) {
            MongoDatabase database = client.getDatabase(shop.mongo.database);
            List<String> collections = new ArrayList<>();
            database.listCollectionNames().into(collections);
            collections.sort(null);
            for (String collection : collections) {
                List<Document> documents = database.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
                digests.put("mongodb " + collection, sha256(documents.stream().map(Document::toJson).collect(Collectors.joining("|"))));
            }
        }
        return digests;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
