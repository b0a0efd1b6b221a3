package org.cqrsshop.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cqrsshop.testing.GraphQLResults;
import org.cqrsshop.testing.GraphQLWebSocket;
import org.cqrsshop.testing.TestTokens;

/**
 * Hostile requests to the one endpoint (Hive Gateway, docs/federation.md), each with the refusal
 * it must get: the status and the documented code. Variables of the wrong type or out of range,
 * bodies past the bound, media types and methods the endpoint does not take, and credentials that
 * fail verification, over HTTP and over the WebSocket. A few well-formed requests are among them,
 * so that a gateway refusing everything fails too.
 */
final class GatewayHostileCorpus {

    /** What a request must get back. */
    enum Outcome {
        /** Refused with the case's code, at one of its statuses, with no data. */
        REFUSED,
        /** Through the gateway to a subgraph: whatever the subgraph answers, but no refusal of the gateway's own. */
        PASSED_ON,
        /** Answered, without errors. */
        ANSWERED
    }

    /**
     * @param authorization the Authorization header as sent, or none when {@code null}
     * @param chunked sent without a Content-Length, as a stream
     * @param mentions what the first error's message must name (the variable), or {@code null}
     */
    record HttpCase(String name, String method, String contentType, String authorization, String body, boolean chunked,
            Outcome outcome, String code, Set<Integer> statuses, String mentions) {}

    /**
     * @param authorization the Authorization of connection_init as sent, or none when {@code null}
     * @param code the error the subscription must end with, or {@code null} when it must deliver data
     */
    record SocketCase(String name, String authorization, Map<String, Object> variables, String code) {}

    /** A document or a variable the gateway refuses: 200 for application/json clients, 400 for the GraphQL media type. */
    private static final Set<Integer> REQUEST_ERROR = Set.of(200, 400);
    private static final Set<Integer> OK = Set.of(200);
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int REQUESTS_AT_ONCE = 4;
    /** Only these reach a client in a refusal the gateway makes itself; Yoga's internals ({@code http}, {@code originalError}) never. */
    private static final Set<String> GATEWAY_EXTENSIONS = Set.of("code", "serviceName", "violations");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1, as in {@link GraphQL}: the gateway (Node.js) takes an h2c upgrade for a WebSocket one. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ADDRESS = "{recipient: \"Ada\", line1: \"1 Main St\", postalCode: \"1000\", city: \"Brussels\","
            + " country: \"BE\"}";
    /** Past 32 bits every way a JSON number or a client can say so, and not whole numbers at all. */
    private static final List<Object> NOT_INTS = List.of(2147483648L, -2147483649L, 4294967301L, "7", 1.5);
    private static final List<Object> INT_BOUNDS = List.of(2147483647, -2147483648);

    final List<HttpCase> httpCases = new ArrayList<>();
    final List<SocketCase> socketCases = new ArrayList<>();
    private final String product;
    private final String order;
    private final UUID alice;
    private final String admin = TestTokens.admin();
    private final String asAlice;
    private final String asBob;

    /** @param order an order of {@code alice}'s for {@code product}, in the read model */
    GatewayHostileCorpus(String product, String order, UUID alice, UUID bob) {
        this.product = product;
        this.order = order;
        this.alice = alice;
        this.asAlice = TestTokens.customer(alice);
        this.asBob = TestTokens.customer(bob);
        intVariables();
        intLiterals();
        bodySizes();
        mediaTypesAndMethods();
        malformedRequests();
        httpCredentials();
        socketCases();
    }

    int size() {
        return httpCases.size() + socketCases.size();
    }

    private void intVariables() {
        String unknownProduct = UUID.randomUUID().toString();
        // Each Int a client can send, as a variable; at the bounds the request must reach the app,
        // which refuses it with a code of its own (a version that is not the current one, an
        // unknown product, a page too large, a price that is wrong anyway), so nothing is written.
        intSite("addToCart quantity", asAlice, "Int!", "mutation ($n: Int!) { addToCart(input: {productId: \"" + product
                + "\", quantity: $n, expectedVersion: 1000}) { version } }", true);
        intSite("addToCart expectedVersion", asAlice, "Int", "mutation ($n: Int) { addToCart(input: {productId: \"" + product
                + "\", quantity: 1, expectedVersion: $n}) { version } }", true);
        intSite("removeFromCart quantity", asAlice, "Int", "mutation ($n: Int) { removeFromCart(input: {productId: \""
                + unknownProduct + "\", quantity: $n}) { version } }", true);
        intSite("createOrder line quantity", asAlice, "Int!", "mutation ($n: Int!) { createOrder(input: {shippingAddress: "
                + ADDRESS + ", lines: [{productId: \"" + unknownProduct + "\", quantity: $n}]}) { id } }", true);
        intSite("createProduct stockQuantity", admin, "Int!", "mutation ($n: Int!) { createProduct(input: {sku: \"GW-INT-"
                + UUID.randomUUID().toString().substring(0, 8) + "\", name: \"N\", description: \"\", price: {amountMinor: -5,"
                + " currency: \"EUR\"}, category: \"c\", stockQuantity: $n}) { id } }", true);
        intSite("adjustStock delta", admin, "Int!", "mutation ($n: Int!) { adjustStock(input: {productId: \"" + unknownProduct
                + "\", delta: $n, reason: \"audit\"}) { version } }", true);
        intSite("updateProduct expectedVersion", admin, "Int", "mutation ($n: Int) { updateProduct(input: {productId: \""
                + product + "\", name: \"Cup\", expectedVersion: $n}) { version } }", true);
        intSite("cancelOrder expectedVersion", asAlice, "Int", "mutation ($n: Int) { cancelOrder(input: {orderId: \"" + order
                + "\", reason: \"changed my mind\", expectedVersion: $n}) { version } }", true);
        intSite("products first", null, "Int", "query ($n: Int) { products(first: $n) { totalCount } }", true);
        intSite("orders first", admin, "Int", "query ($n: Int) { orders(first: $n) { totalCount } }", true);
        intSite("orderHistory first", asAlice, "Int", "query ($n: Int) { orderHistory(first: $n) { totalCount } }", true);
        // A minVersion past the view waits for it (5 s) and answers READ_MODEL_LAGGING: one such wait is enough.
        intSite("product minVersion", null, "Int", "query ($n: Int) { product(id: \"" + product + "\", minVersion: $n) { name } }",
                true);
        intSite("cart minVersion", asAlice, "Int", "query ($n: Int) { cart(minVersion: $n) { version } }", false);
        intSite("order minVersion", asAlice, "Int", "query ($n: Int) { order(id: \"" + order + "\", minVersion: $n) { status } }",
                false);
        intSite("redriveDeadLetters limit", admin, "Int", "mutation ($n: Int) { redriveDeadLetters(limit: $n) }", false);
    }

    private void intSite(String site, String token, String type, String document, boolean boundsReachTheApp) {
        for (Object value : NOT_INTS) {
            httpCases.add(json("variable " + site + " = " + JSON.valueToTree(value), bearer(token), document, Map.of("n", value),
                    Outcome.REFUSED, "VALIDATION_FAILED", REQUEST_ERROR, "$n"));
        }
        if (type.endsWith("!")) {
            httpCases.add(json("variable " + site + " missing", bearer(token), document, Map.of(),
                    Outcome.REFUSED, "VALIDATION_FAILED", REQUEST_ERROR, "$n"));
        }
        if (boundsReachTheApp) {
            for (Object bound : INT_BOUNDS) {
                httpCases.add(json("variable " + site + " = " + bound, bearer(token), document, Map.of("n", bound),
                        Outcome.PASSED_ON, null, OK, null));
            }
        }
    }

    private void intLiterals() {
        for (String literal : List.of("2147483648", "-2147483649", "4294967301", "\"7\"", "1.5")) {
            httpCases.add(json("literal products first " + literal, null, "{ products(first: " + literal + ") { totalCount } }",
                    null, Outcome.REFUSED, "VALIDATION_FAILED", REQUEST_ERROR, null));
        }
    }

    private void bodySizes() {
        String search = "query ($s: String) { products(filter: {search: $s}) { totalCount } }";
        httpCases.add(json("an 11 MB variable", null, search, Map.of("s", "A".repeat(11 * 1024 * 1024)),
                Outcome.REFUSED, "VALIDATION_FAILED", Set.of(413), null));
        httpCases.add(new HttpCase("a body one byte past 256 KiB", "POST", "application/json", null,
                bodyOfSize(search, MAX_BODY_BYTES + 1), false, Outcome.REFUSED, "VALIDATION_FAILED", Set.of(413), null));
        // A chunked body past the bound gets 413 too (curl shows it), but the gateway stops reading it
        // and the JDK's client, still sending, sees the connection reset instead of the answer.
        // Well within the bound, the same request is the app's to judge.
        httpCases.add(new HttpCase("a 200 KiB body", "POST", "application/json", null, bodyOfSize(search, 200 * 1024), false,
                Outcome.PASSED_ON, null, OK, null));
    }

    private void mediaTypesAndMethods() {
        String typename = body("{ __typename }", null);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream")) {
            String body = type.startsWith("application/x-www") ? "query=%7B__typename%7D" : typename;
            httpCases.add(new HttpCase("content type " + type, "POST", type, bearer(admin), body, false,
                    Outcome.REFUSED, "VALIDATION_FAILED", Set.of(415), null));
        }
        httpCases.add(new HttpCase("no content type", "POST", null, bearer(admin), typename, false,
                Outcome.REFUSED, "VALIDATION_FAILED", Set.of(415), null));
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            httpCases.add(new HttpCase("method " + method, method, "application/json", bearer(admin), typename, false,
                    Outcome.REFUSED, "VALIDATION_FAILED", Set.of(405), null));
        }
        httpCases.add(new HttpCase("a mutation over GET", "GET", null, bearer(admin),
                "?query=mutation%20%7B%20clearCart(input%3A%20%7B%7D)%20%7B%20version%20%7D%20%7D", false,
                Outcome.REFUSED, "VALIDATION_FAILED", Set.of(405), null));
    }

    private void malformedRequests() {
        String admin = bearer(this.admin);
        refused("not JSON", admin, "application/json", "{\"query\": ", Set.of(400));
        refused("an empty body", admin, "application/json", "", Set.of(400));
        refused("JSON but no query", admin, "application/json", "{\"mutation\": \"{ x }\"}", Set.of(400));
        refused("a query that is a number", admin, "application/json", "{\"query\": 42}", Set.of(400));
        refused("variables that are a number", admin, "application/json", "{\"query\": \"{ __typename }\", \"variables\": 5}",
                Set.of(400));
        refused("a batch", admin, "application/json", "[" + body("{ __typename }", null) + "]", Set.of(400));
        refused("a subscription over HTTP", null, "application/json", body("subscription { productChanged { id } }", null),
                Set.of(400));
        refused("a document that stops", admin, "application/graphql", "mutation { createProduct(input: {", REQUEST_ERROR);
        refused("an unknown field", null, "application/json", body("{ products { noSuchField } }", null), REQUEST_ERROR);
        refused("two operations, none named", admin, "application/graphql",
                "query { __typename } mutation { clearCart(input: {}) { version } }", REQUEST_ERROR);
        refused("an operation name that names none", admin, "application/json",
                "{\"query\": \"query a { __typename } query b { __typename }\", \"operationName\": \"c\"}", REQUEST_ERROR);
        refused("a variable of an undeclared type", null, "application/json",
                body("query ($n: NoSuchType) { products(first: $n) { totalCount } }", Map.of("n", 1)), REQUEST_ERROR);
        refused("an object where an Int is declared", null, "application/json",
                body("query ($n: Int) { products(first: $n) { totalCount } }", Map.of("n", Map.of("$gt", 0))), REQUEST_ERROR);
    }

    private void httpCredentials() {
        Map<String, String> documents = Map.of(
                "a read anyone may make", "{ products(first: 1) { totalCount } }",
                "addToCart", "mutation { addToCart(input: {productId: \"" + product + "\", quantity: 1}) { version } }",
                "cart", "{ cart { version } }");
        badCredentials().forEach((label, authorization) -> documents.forEach((operation, document) ->
                httpCases.add(json("credential " + label + " on " + operation, authorization, document, null,
                        Outcome.REFUSED, "UNAUTHENTICATED", Set.of(401), null))));
        // No credential is not a bad one: the app refuses only the fields that need a caller.
        httpCases.add(json("no credential on addToCart", null, documents.get("addToCart"), null,
                Outcome.REFUSED, "UNAUTHENTICATED", OK, null));
        httpCases.add(json("no credential on a read anyone may make", null, documents.get("a read anyone may make"), null,
                Outcome.ANSWERED, null, OK, null));
        httpCases.add(json("a customer's own token", bearer(asAlice), documents.get("a read anyone may make"), null,
                Outcome.ANSWERED, null, OK, null));
        httpCases.add(json("an admin's token", bearer(admin), "{ __typename }", null, Outcome.ANSWERED, null, OK, null));
    }

    private void socketCases() {
        Map<String, Object> fromTheStart = Map.of("v", 0);
        badCredentials().forEach((label, authorization) ->
                socketCases.add(new SocketCase("subscription with credential " + label, authorization, fromTheStart, "UNAUTHENTICATED")));
        socketCases.add(new SocketCase("subscription without a credential", null, fromTheStart, "UNAUTHENTICATED"));
        socketCases.add(new SocketCase("subscription to another customer's order", bearer(asBob), fromTheStart, "FORBIDDEN"));
        socketCases.add(new SocketCase("subscription by the order's customer", bearer(asAlice), fromTheStart, null));
        for (Object value : NOT_INTS) {
            socketCases.add(new SocketCase("subscription variable afterVersion = " + JSON.valueToTree(value), bearer(asAlice),
                    Map.of("v", value), "VALIDATION_FAILED"));
        }
        socketCases.add(new SocketCase("a subscribe message past 256 KiB", bearer(asAlice),
                Map.of("v", 0, "padding", "A".repeat(MAX_BODY_BYTES)), "VALIDATION_FAILED"));
    }

    /** Credentials that must all be refused, by label, as the Authorization value a client sends. */
    private Map<String, String> badCredentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("signed by another key", bearer(TestTokens.forged(alice)));
        credentials.put("unsigned (alg none), admin", bearer(unsigned()));
        credentials.put("HS256 keyed with our public key", bearer(signedWithPublicKeyAsSecret()));
        credentials.put("expired", bearer(TestTokens.expired(alice)));
        credentials.put("from another issuer", bearer(TestTokens.fromAnotherIssuer(alice)));
        credentials.put("with its signature altered", bearer(admin.substring(0, admin.length() - 4) + "AAAA"));
        credentials.put("not a JWT", "Bearer not-a-jwt");
        credentials.put("garbage in three parts", "Bearer e30.%%%.$$$");
        credentials.put("Basic", "Basic YWRtaW46YWRtaW4=");
        credentials.put("Bearer without a token", "Bearer ");
        return credentials;
    }

    /**
     * Runs every HTTP case against the endpoint, a few at a time: none may change anything, so none
     * depends on another's answer, and the ones that wait out a read-your-writes deadline overlap.
     * Returns what was answered wrongly, in the corpus's order.
     */
    List<String> problemsOverHttp(URI endpoint, Map<String, Integer> outcomes) throws InterruptedException, ExecutionException {
        List<String> problems = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(REQUESTS_AT_ONCE);
        try {
            List<Future<HttpResponse<String>>> answers = httpCases.stream()
                    .map(request -> senders.submit(() -> send(endpoint, request))).toList();
            for (int i = 0; i < httpCases.size(); i++) {
                HttpCase request = httpCases.get(i);
                HttpResponse<String> response = answers.get(i).get();
                outcomes.merge(response.statusCode() + " " + firstCode(response.body()), 1, Integer::sum);
                String problem = problemWith(request, response);
                if (problem != null) {
                    problems.add(request.name() + ": " + problem);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        return problems;
    }

    /** Runs every WebSocket case against the endpoint; returns what was answered wrongly. */
    List<String> problemsOverWebSocket(URI endpoint) throws InterruptedException {
        String document = "subscription ($v: Int) { orderStatusChanged(orderId: \"" + order + "\", afterVersion: $v) { status } }";
        List<String> problems = new ArrayList<>();
        for (SocketCase subscription : socketCases) {
            String problem = problemWith(subscription, endpoint, document);
            if (problem != null) {
                problems.add(subscription.name() + ": " + problem);
            }
        }
        return problems;
    }

    private static String problemWith(SocketCase subscription, URI endpoint, String document) throws InterruptedException {
        try (GraphQLWebSocket socket = GraphQLWebSocket.connectWithAuthorization(endpoint, subscription.authorization())) {
            if (!socket.acknowledged()) {
                int closeCode = socket.closed().getNow(-1);
                return subscription.code() != null && subscription.code().equals("UNAUTHENTICATED") && (closeCode == 4401 || closeCode == 4403)
                        ? null : "connection closed with " + closeCode;
            }
            GraphQLResults results = socket.subscribe(document, subscription.variables());
            JsonNode first = results.next(WAIT);
            if (first == null) {
                return "nothing within " + WAIT + ", and the socket " + (socket.closed().isDone() ? "closed" : "still open");
            }
            JsonNode errors = first.path("errors");
            boolean refused = errors.isArray() && !errors.isEmpty();
            boolean answered = first.path("data").path("orderStatusChanged").isObject();
            if (subscription.code() == null) {
                return refused || !answered ? "no data: " + first : null;
            }
            if (!refused || answered) {
                return "not refused: " + first;
            }
            for (JsonNode error : errors) {
                if (!subscription.code().equals(error.path("extensions").path("code").asText())) {
                    return "refused with " + error + ", not " + subscription.code();
                }
                if (error.path("extensions").has("http")) {
                    return "internals in the error: " + error;
                }
            }
            try {
                results.completed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception notCompleted) {
                return "refused but not completed within " + WAIT;
            }
            return null;
        }
    }

    private static String problemWith(HttpCase request, HttpResponse<String> response) {
        String body = response.body();
        for (String internal : List.of("Exception", "\tat ", "node_modules", "originalError", "stacktrace", "org.cqrsshop.", "java.")) {
            if (body.contains(internal)) {
                return "internals (" + internal + ") in the answer: " + abbreviate(body);
            }
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException notJson) {
            return "HTTP " + response.statusCode() + ", not JSON: " + abbreviate(body);
        }
        if (answer == null || !answer.isObject()) {
            return "HTTP " + response.statusCode() + ", not a GraphQL response: " + abbreviate(body);
        }
        JsonNode errors = answer.path("errors");
        Set<Integer> statuses = request.outcome() == Outcome.REFUSED ? request.statuses() : OK;
        if (!statuses.contains(response.statusCode())) {
            return "HTTP " + response.statusCode() + ", not " + statuses + ": " + abbreviate(body);
        }
        return switch (request.outcome()) {
            case ANSWERED -> errors.isMissingNode() ? null : "errors: " + abbreviate(body);
            case PASSED_ON -> passedOnProblem(errors, body);
            case REFUSED -> refusalProblem(request, response, answer, errors, body);
        };
    }

    /** Through the gateway, the answer is the app's: each error is a field's, with a documented code other than INTERNAL. */
    private static String passedOnProblem(JsonNode errors, String body) {
        for (JsonNode error : errors) {
            String code = error.path("extensions").path("code").asText("");
            if (!error.has("path") || code.isEmpty() || code.equals("INTERNAL") || error.path("message").asText().startsWith("Variable \"$")) {
                return "refused before the app: " + abbreviate(body);
            }
        }
        return null;
    }

    private static String refusalProblem(HttpCase request, HttpResponse<String> response, JsonNode answer, JsonNode errors, String body) {
        if (!errors.isArray() || errors.isEmpty()) {
            return "accepted: " + abbreviate(body);
        }
        for (JsonNode error : errors) {
            JsonNode extensions = error.path("extensions");
            if (!request.code().equals(extensions.path("code").asText())) {
                return "code " + extensions.path("code") + ", not " + request.code() + ": " + abbreviate(body);
            }
            for (Iterator<String> names = extensions.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!GATEWAY_EXTENSIONS.contains(name)) {
                    return "extension '" + name + "' in the answer: " + abbreviate(body);
                }
            }
        }
        if (request.mentions() != null && !errors.path(0).path("message").asText().contains(request.mentions())) {
            return "the message does not name " + request.mentions() + ": " + abbreviate(body);
        }
        for (JsonNode field : answer.path("data")) {
            if (!field.isNull()) {
                return "refused and answered at once: " + abbreviate(body);
            }
        }
        if (response.statusCode() == 401 && !response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer")) {
            return "401 without WWW-Authenticate: Bearer";
        }
        return null;
    }

    private static HttpResponse<String> send(URI endpoint, HttpCase request) {
        boolean query = request.method().equals("GET");
        HttpRequest.Builder builder = HttpRequest.newBuilder(query ? URI.create(endpoint + request.body()) : endpoint)
                .timeout(Duration.ofSeconds(60));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.authorization() != null) {
            builder.header("Authorization", request.authorization());
        }
        byte[] bytes = request.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = query ? HttpRequest.BodyPublishers.noBody()
                // Of unknown length, so the client sends it chunked, without a Content-Length.
                : request.chunked() ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        builder.method(request.method(), body);
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.name() + ": request to " + endpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String firstCode(String body) {
        try {
            return JSON.readTree(body).path("errors").path(0).path("extensions").path("code").asText("none");
        } catch (IOException notJson) {
            return "not-json";
        }
    }

    private HttpCase json(String name, String authorization, String document, Map<String, Object> variables, Outcome outcome,
            String code, Set<Integer> statuses, String mentions) {
        return new HttpCase(name, "POST", "application/json", authorization, body(document, variables), false, outcome, code,
                statuses, mentions);
    }

    private void refused(String name, String authorization, String contentType, String body, Set<Integer> statuses) {
        httpCases.add(new HttpCase(name, "POST", contentType, authorization, body, false, Outcome.REFUSED, "VALIDATION_FAILED",
                statuses, null));
    }

    private static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    private static String body(String document, Map<String, Object> variables) {
        Map<String, Object> request = new TreeMap<>();
        request.put("query", document);
        if (variables != null) {
            request.put("variables", variables);
        }
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A search request whose JSON body is exactly {@code bytes} long. */
    private static String bodyOfSize(String document, int bytes) {
        int padding = bytes - body(document, Map.of("s", "")).length();
        String body = body(document, Map.of("s", "A".repeat(padding)));
        if (body.length() != bytes) {
            throw new IllegalStateException("a body of " + body.length() + " bytes, not " + bytes);
        }
        return body;
    }

    /** An admin's token with {@code "alg": "none"}: no signature at all. */
    private static String unsigned() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"intruder\",\"upn\":\"intruder\","
                + "\"groups\":[\"admin\"],\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /**
     * An admin's token signed with HMAC, keyed with our public key, which anyone has: a verifier
     * that takes the algorithm from the token would accept it.
     */
    private static String signedWithPublicKeyAsSecret() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"intruder\",\"upn\":\"intruder\","
                + "\"groups\":[\"admin\"],\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Files.readAllBytes(TestTokens.publicKeyFile()), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + "." + base64.encodeToString(signature);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
