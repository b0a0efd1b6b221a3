package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cqrsshop.systemtest.OtlpCollector.CollectedSpan;
import org.cqrsshop.testing.GraphQLResults;
import org.cqrsshop.testing.GraphQLSubscriber;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a running shop (docs/observability.md): traces, metrics, readiness and logs.
 *
 * <p>One trace follows a mutation the whole way: the command-app's request and append, the relay's
 * publish (continued from the trace context stored with the event), the query-app's projection
 * (continued from the message's traceparent header) and the subscription's notification
 * (continued from the change notice). Both apps export by OTLP to a collector in this test. The
 * trace is written to {@code target/traces/}; with {@code -Dtrace.update=true} also to
 * {@code docs/traces/}, where the one from a real run is kept for readers.
 */
class ObservabilityIT {

    private static final Duration WAIT = Patience.SERVICE;
    private static final String TRACE_FILE = "mutation-to-subscription.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OtlpCollector collector;
    private static ShopSystem shop;

    @BeforeAll
    static void startTheShopWithTracesOn() throws Exception {
        collector = OtlpCollector.start();
        shop = ShopSystem.start(1, Map.of(
                "OTEL_SDK_DISABLED", "false",
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                // Spans leave in batches; a short delay keeps the test from waiting the default 5 s.
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                // A line per command and per projected event, to find the correlation id in.
                "QUARKUS_LOG_CATEGORY__ORG_CQRSSHOP_COMMAND_HANDLING__LEVEL", "DEBUG",
                "QUARKUS_LOG_CATEGORY__ORG_CQRSSHOP_QUERY_INBOX__LEVEL", "DEBUG",
                // Readiness figures that follow a cut link within a second or two.
                "FRESHNESS_REFRESH_INTERVAL", "500ms"));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (shop != null) {
            shop.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void one_trace_leads_from_the_mutation_through_store_and_broker_to_the_projection_and_the_subscriber()
            throws Exception {
        String product = GraphQL.post(shop.commandApp.graphql(), "mutation { createProduct(input: {sku: \"TRACE-1\","
                + " name: \"Traced mug\", description: \"\", price: {amountMinor: 900, currency: \"EUR\"},"
                + " category: \"kitchen\", stockQuantity: 5}) { id } }").path("data").path("createProduct").path("id").asText();
        assertThat(product).isNotEmpty();

        try (GraphQLSubscriber client = GraphQLSubscriber.to(shop.queryApp.graphql())) {
            GraphQLResults changes = client.subscribe(
                    "subscription { productChanged(id: \"" + product + "\", afterVersion: 0) { version name } }");
            assertThat(changes.next(WAIT).path("data").path("productChanged").path("version").asInt()).isEqualTo(1);

            JsonNode updated = GraphQL.post(shop.commandApp.graphql(), "mutation { updateProduct(input: {productId: \""
                    + product + "\", expectedVersion: 1, name: \"Traced mug, glazed\"}) { version } }");
            assertThat(updated.path("data").path("updateProduct").path("version").asInt()).as("%s", updated).isEqualTo(2);
            assertThat(changes.next(WAIT).path("data").path("productChanged").path("version").asInt()).isEqualTo(2);
        }

        Optional<CollectedSpan> notified = Optional.empty();
        for (long deadline = System.nanoTime() + WAIT.toNanos(); notified.isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
            notified = collector.spans().stream()
                    .filter(span -> span.name().equals("notify subscribers")
                            && product.equals(span.attribute("cqrs.stream.id"))
                            && Long.valueOf(2).equals(span.attribute("cqrs.stream.version")))
                    .findFirst();
        }
        assertThat(notified).as("the notification's span, among those received: %s (unreadable requests: %s)",
                collector.spans().stream().map(span -> span.service() + " " + span.name()).distinct().toList(),
                collector.unreadableRequests()).isPresent();
        CollectedSpan notify = notified.get();
        List<CollectedSpan> trace = awaitWholeTrace(notify.traceId());
        Map<String, CollectedSpan> byId = trace.stream().collect(Collectors.toMap(CollectedSpan::spanId, Function.identity()));

        CollectedSpan project = parentOf(notify, byId);
        CollectedSpan publish = parentOf(project, byId);
        CollectedSpan append = parentOf(publish, byId);
        assertThat(List.of(notify, project, publish, append))
                .extracting(CollectedSpan::service, CollectedSpan::name, CollectedSpan::kind)
                .containsExactly(
                        tuple("cqrs-shop-query", "notify subscribers", "CONSUMER"),
                        tuple("cqrs-shop-query", "project ProductUpdated", "CONSUMER"),
                        tuple("cqrs-shop-command", "publish ProductUpdated", "PRODUCER"),
                        tuple("cqrs-shop-command", "append events", "INTERNAL"));
        assertThat(project.attribute("cqrs.projection.outcome")).isEqualTo("applied");
        CollectedSpan request = rootOf(append, byId);
        assertThat(request.service()).isEqualTo("cqrs-shop-command");
        assertThat(request.kind()).as("the trace starts where the mutation's HTTP request arrived").isEqualTo("SERVER");

        writeDown(trace);
    }

    @Test
    void the_metrics_the_docs_promise_are_exposed_and_every_metric_of_ours_is_documented() throws Exception {
        String product = createProduct("METRICS-1");
        GraphQL.post(shop.queryApp.graphql(), "{ product(id: \"" + product + "\", minVersion: 1) { id } }");
        Set<String> documented = documentedMetrics();
        List<String> required = List.of("cqrs_commands_seconds", "cqrs_eventstore_append_seconds",
                "cqrs_relay_publish_lag_seconds", "cqrs_relay_backlog_events", "cqrs_relay_backlog_age_milliseconds",
                "cqrs_projection_events_total", "cqrs_projection_lag_seconds", "cqrs_read_model_lag_milliseconds",
                "cqrs_read_model_dead_letters", "cqrs_cache_requests_total", "cqrs_subscriptions_active");
        assertThat(documented).containsAll(required);

        Set<String> exposed = await().atMost(WAIT).until(ObservabilityIT::exposedMetrics,
                families -> families.containsAll(required));
        assertThat(exposed).as("metrics of ours missing from docs/observability.md").isSubsetOf(documented);
        String commandMetrics = GraphQL.get(shop.commandApp.url("/q/metrics"));
        assertThat(commandMetrics).contains("cqrs_commands_seconds_count{operation=\"createProduct\",outcome=\"accepted\"");
    }

    @Test
    void readiness_shows_each_dependency_and_only_the_indispensable_ones_decide_it() throws Exception {
        assertThat(checkNames(readiness(shop.commandApp)))
                .contains("rabbitmq").anyMatch(name -> name.contains("PostgreSQL"));
        assertThat(checkNames(readiness(shop.queryApp)))
                .contains("redis", "rabbitmq", "command-app-feed").anyMatch(name -> name.contains("MongoDB"));

        shop.redis.link.cut();
        try {
            await().atMost(WAIT).until(() -> check(readiness(shop.queryApp), "redis").path("data").path("reachable")
                    .asBoolean(true), reachable -> !reachable);
            assertThat(readiness(shop.queryApp).path("status").asText()).isEqualTo("UP");
        } finally {
            shop.redis.link.restore();
        }
        await().atMost(WAIT).until(() -> check(readiness(shop.queryApp), "redis").path("data").path("reachable")
                .asBoolean(false));

        shop.commandAppBrokerLink.cut();
        try {
            createProduct("READY-1");
            JsonNode waiting = await().atMost(WAIT).until(() -> check(readiness(shop.commandApp), "rabbitmq"),
                    broker -> !broker.path("data").path("relayPublishing").asBoolean(true)
                            && broker.path("data").path("backlogEvents").asLong() >= 1);
            assertThat(waiting.path("status").asText()).isEqualTo("UP");
            assertThat(readiness(shop.commandApp).path("status").asText()).isEqualTo("UP");
        } finally {
            shop.commandAppBrokerLink.restore();
        }
        await().atMost(WAIT).until(() -> check(readiness(shop.commandApp), "rabbitmq").path("data"),
                broker -> broker.path("relayPublishing").asBoolean(false) && broker.path("backlogEvents").asLong() == 0);
    }

    @Test
    void log_lines_are_json_and_carry_the_requests_correlation_id_on_both_sides() throws Exception {
        String correlationId = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(shop.commandApp.graphql())
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(GraphQL.body(
                        "mutation { createProduct(input: {sku: \"LOGS-1\", name: \"Logged mug\", description: \"\","
                        + " price: {amountMinor: 500, currency: \"EUR\"}, category: \"kitchen\", stockQuantity: 1}) { id } }")))
                .build();
        String answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(answer).contains("\"createProduct\":{\"id\"");

        JsonNode commandLine = await().atMost(WAIT).until(() -> lineWithCorrelationId(shop.commandApp, correlationId),
                Optional::isPresent).orElseThrow();
        assertThat(commandLine.path("message").asText()).startsWith("createProduct accepted in ");
        assertThat(commandLine.path("mdc").path("traceId").asText()).as("the trace id beside it").hasSize(32);
        JsonNode queryLine = await().atMost(WAIT).until(() -> lineWithCorrelationId(shop.queryApp, correlationId),
                Optional::isPresent).orElseThrow();
        assertThat(queryLine.path("message").asText()).startsWith("ProductCreated of product ");
    }

    private static String createProduct(String sku) {
        JsonNode created = GraphQL.post(shop.commandApp.graphql(), "mutation { createProduct(input: {sku: \"" + sku
                + "\", name: \"Observed mug\", description: \"\", price: {amountMinor: 900, currency: \"EUR\"},"
                + " category: \"kitchen\", stockQuantity: 5}) { id } }");
        String id = created.path("data").path("createProduct").path("id").asText();
        assertThat(id).as("%s", created).isNotEmpty();
        return id;
    }

    /** The metric names in the first column of docs/observability.md's tables. */
    private static Set<String> documentedMetrics() throws Exception {
        Matcher names = Pattern.compile("^\\| `(cqrs_[a-z_]+)`", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("..", "docs", "observability.md")));
        Set<String> documented = new TreeSet<>();
        while (names.find()) {
            documented.add(names.group(1));
        }
        return documented;
    }

    /** The families of our metrics that the apps expose, as Prometheus names them (a timer's _count and _sum as one). */
    private static Set<String> exposedMetrics() throws Exception {
        Set<String> families = new TreeSet<>();
        for (AppProcess app : List.of(shop.commandApp, shop.queryApp)) {
            Matcher metric = Pattern.compile("^(cqrs_[a-z_]+?)(_count|_sum|_max|_bucket)?[{ ]", Pattern.MULTILINE)
                    .matcher(GraphQL.get(app.url("/q/metrics")));
            while (metric.find()) {
                families.add(metric.group(1));
            }
        }
        return families;
    }

    private static JsonNode readiness(AppProcess app) throws Exception {
        return JSON.readTree(GraphQL.get(app.url("/q/health/ready")));
    }

    private static List<String> checkNames(JsonNode readiness) {
        List<String> names = new ArrayList<>();
        readiness.path("checks").forEach(check -> names.add(check.path("name").asText()));
        return names;
    }

    private static JsonNode check(JsonNode readiness, String name) {
        for (JsonNode check : readiness.path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no readiness check named " + name + " in " + readiness);
    }

    private static Optional<JsonNode> lineWithCorrelationId(AppProcess app, String correlationId) throws Exception {
        for (String line : Files.readAllLines(app.log())) {
            if (line.startsWith("{") && line.contains(correlationId)) {
                JsonNode parsed = JSON.readTree(line);
                if (correlationId.equals(parsed.path("mdc").path("correlationId").asText())) {
                    return Optional.of(parsed);
                }
            }
        }
        return Optional.empty();
    }

    /** Spans of one trace arrive from two apps in separate batches; waits until the chain is whole. */
    private static List<CollectedSpan> awaitWholeTrace(String traceId) {
        return await().atMost(WAIT).until(() -> collector.trace(traceId), spans -> {
            Map<String, CollectedSpan> byId = spans.stream()
                    .collect(Collectors.toMap(CollectedSpan::spanId, Function.identity(), (a, b) -> a));
            return spans.stream().allMatch(span -> span.isRoot() || byId.containsKey(span.parentSpanId()))
                    && spans.stream().anyMatch(CollectedSpan::isRoot);
        });
    }

    private static CollectedSpan parentOf(CollectedSpan span, Map<String, CollectedSpan> byId) {
        assertThat(span.isRoot()).as("%s has a parent", span.name()).isFalse();
        return byId.get(span.parentSpanId());
    }

    private static CollectedSpan rootOf(CollectedSpan span, Map<String, CollectedSpan> byId) {
        CollectedSpan current = span;
        while (!current.isRoot()) {
            current = byId.get(current.parentSpanId());
        }
        return current;
    }

    /** The trace as a tree, depth first, times in microseconds from the request's start. */
    private static void writeDown(List<CollectedSpan> trace) throws Exception {
        CollectedSpan root = trace.stream().filter(CollectedSpan::isRoot).findFirst().orElseThrow();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode document = json.createObjectNode();
        document.put("description", "One trace from ObservabilityIT: an updateProduct mutation, from the command-app's"
                + " HTTP request to the query-app's subscription notification. Times are microseconds from the"
                + " request's start; depth is the distance from the root span.");
        document.put("traceId", root.traceId());
        ArrayNode spans = document.putArray("spans");
        List<CollectedSpan> ordered = new ArrayList<>();
        addDepthFirst(root, trace, 0, ordered, spans, root.startNanos());
        Path written = Path.of("target", "traces", TRACE_FILE);
        Files.createDirectories(written.getParent());
        json.writeValue(written.toFile(), document);
        if (Boolean.getBoolean("trace.update")) {
            Path kept = Path.of("..", "docs", "traces", TRACE_FILE);
            Files.createDirectories(kept.getParent());
            Files.copy(written, kept, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("ObservabilityIT: %d spans in trace %s, written to %s%n", ordered.size(), root.traceId(), written);
    }

    private static void addDepthFirst(CollectedSpan span, List<CollectedSpan> trace, int depth, List<CollectedSpan> ordered,
            ArrayNode out, long traceStart) {
        ordered.add(span);
        ObjectNode node = out.addObject();
        node.put("depth", depth);
        node.put("service", span.service());
        node.put("name", span.name());
        node.put("kind", span.kind());
        node.put("spanId", span.spanId());
        node.put("parentSpanId", span.parentSpanId());
        node.put("startMicros", (span.startNanos() - traceStart) / 1_000);
        node.put("durationMicros", (span.endNanos() - span.startNanos()) / 1_000);
        ObjectNode attributes = node.putObject("attributes");
        span.attributes().forEach((key, value) -> attributes.putPOJO(key, value));
        trace.stream()
                .filter(child -> child.parentSpanId().equals(span.spanId()))
                .sorted(Comparator.comparingLong(CollectedSpan::startNanos))
                .forEach(child -> addDepthFirst(child, trace, depth + 1, ordered, out, traceStart));
    }
}
