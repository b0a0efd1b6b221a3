package org.cqrsshop.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.testing.TestTokens;

/**
 * Malformed and malicious requests, as an attacker or a broken client sends them. Every one that
 * would change something must be refused; reads with odd but legal input may be answered. None may
 * get a server error, and none may change the event store or the read model.
 */
final class HostileCorpus {

    enum App { COMMAND, QUERY }

    /**
     * @param mustBeRefused a write, or a request no valid reading exists for; the others are reads
     *     with strange but legal input, which may be answered
     */
    record HostileRequest(String name, App app, String token, String contentType, String body, boolean mustBeRefused,
            Refusal refusal) {

        HostileRequest(String name, App app, String token, String contentType, String body, boolean mustBeRefused) {
            this(name, app, token, contentType, body, mustBeRefused, null);
        }
    }

    /**
     * How a request must be refused, when it matters which way: every error has this code, and
     * the answer names the offending input with each of these fragments.
     */
    record Refusal(String code, List<String> fragments) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEGABYTE = "A".repeat(1024 * 1024);
    private static final String ADDRESS = "{recipient: \"Ada\", line1: \"1 Main St\", postalCode: \"1000\", city: \"Brussels\","
            + " country: \"BE\"}";

    private final List<HostileRequest> requests = new ArrayList<>();
    private final String product;
    private final String order;
    private final UUID alice;
    private final UUID bob;
    private final String admin = TestTokens.admin();
    private final String asAlice;
    private final String asBob;

    private HostileCorpus(String product, String order, UUID alice, UUID bob) {
        this.product = product;
        this.order = order;
        this.alice = alice;
        this.bob = bob;
        this.asAlice = TestTokens.customer(alice);
        this.asBob = TestTokens.customer(bob);
    }

    /** @param order an order of {@code alice}'s for {@code product} */
    static List<HostileRequest> against(String product, String order, UUID alice, UUID bob) {
        HostileCorpus corpus = new HostileCorpus(product, order, alice, bob);
        corpus.amountsAndQuantities();
        corpus.currencies();
        corpus.ids();
        corpus.strings();
        corpus.injection();
        corpus.shapes();
        corpus.wrongTypesAndMissingFields();
        corpus.credentials();
        corpus.requests.addAll(SchemaCorpus.against(product, order, alice, bob));
        return corpus.requests;
    }

    private void amountsAndQuantities() {
        // SmallRye's number scalars take numeric strings too ("12" is 12, which JavaScript clients need past
        // 2^53): legal, so not here; strings that are not whole numbers, or are out of range, are.
        for (String amount : List.of("-1", "-9223372036854775808", "9223372036854775808", "99999999999999999999999999",
                "1e30", "12.5", "\"-12\"", "\"12x\"", "null", "true")) {
            refusedWrite("price amountMinor " + amount, admin, createProduct("amountMinor: " + amount + ", currency: \"EUR\"", "10"));
            refusedWrite("updated price " + amount, admin, "mutation { updateProduct(input: {productId: \"" + product
                    + "\", price: {amountMinor: " + amount + ", currency: \"EUR\"}}) { version } }");
        }
        for (String stock : List.of("-1", "2147483648", "-2147483649", "1e10", "1.5", "\"5x\"", "\"-5\"", "null")) {
            refusedWrite("stock " + stock, admin, createProduct("amountMinor: 100, currency: \"EUR\"", stock));
        }
        for (String quantity : List.of("0", "-1", "-2147483648", "2147483647", "2147483648", "1e10", "1.5", "\"1 ton\"", "\"0\"", "null")) {
            refusedWrite("cart quantity " + quantity, asAlice, "mutation { addToCart(input: {productId: \"" + product
                    + "\", quantity: " + quantity + "}) { version } }");
            refusedWrite("order line quantity " + quantity, asAlice, "mutation { createOrder(input: {shippingAddress: "
                    + ADDRESS + ", lines: [{productId: \"" + product + "\", quantity: " + quantity + "}]}) { id } }");
        }
        for (String delta : List.of("0", "2147483648", "-2147483649", "-1000000000", "\"three\"")) {
            refusedWrite("stock delta " + delta, admin, "mutation { adjustStock(input: {productId: \"" + product
                    + "\", delta: " + delta + ", reason: \"audit\"}) { version } }");
        }
    }

    private void currencies() {
        for (String currency : List.of("\"EURO\"", "\"\"", "\"€\"", "\"ZZZ\"", "\"12A\"", "\"E\\u0000R\"", "\" EUR\"", "5",
                "null", "\"eur; DROP TABLE events\"")) {
            refusedWrite("currency " + currency, admin, createProduct("amountMinor: 100, currency: " + currency, "10"));
        }
    }

    private void ids() {
        List<String> badIds = List.of("not-a-uuid", "", "' OR 1=1 --", "00000000-0000-0000-0000-00000000000g",
                "{\\\"$ne\\\": null}", "../../etc/passwd", "x".repeat(5000), "\\u0000", "6f1c2a8e-3b7d-4c1e-9a52-0d8e4f7b1c3a-extra");
        for (String id : badIds) {
            String label = id.length() > 40 ? id.substring(0, 12) + "... (" + id.length() + ")" : id;
            refusedWrite("update product id " + label, admin, "mutation { updateProduct(input: {productId: \"" + id
                    + "\", name: \"Cup\"}) { version } }");
            refusedWrite("cart product id " + label, asAlice, "mutation { addToCart(input: {productId: \"" + id
                    + "\", quantity: 1}) { version } }");
            refusedWrite("cancel order id " + label, asAlice, "mutation { cancelOrder(input: {orderId: \"" + id + "\"}) { version } }");
            refusedRead("product id " + label, null, "{ product(id: \"" + id + "\") { name } }");
            refusedRead("order id " + label, asAlice, "{ order(id: \"" + id + "\") { status } }");
            refusedRead("cart customer id " + label, admin, "{ cart(customerId: \"" + id + "\") { version } }");
        }
    }

    private void strings() {
        refusedWrite("a 1 MB name", admin, createProduct("amountMinor: 100, currency: \"EUR\"", "10").replace("\"Hostile\"", "\"" + MEGABYTE + "\""));
        refusedRead("a 1 MB search", null, "{ products(filter: {search: \"" + MEGABYTE + "\"}) { totalCount } }");
        refusedWrite("a 10,000-character SKU", admin, createProduct("amountMinor: 100, currency: \"EUR\"", "10")
                .replace("sku: \"", "sku: \"" + "S".repeat(10_000)));
        refusedWrite("a 10,000-character stock reason", admin, "mutation { adjustStock(input: {productId: \"" + product
                + "\", delta: 1, reason: \"" + "r".repeat(10_000) + "\"}) { version } }");
        for (String odd : List.of("\\u0000\\u0001\\u0002", "\\u202Eevil\\u202C", "e\\u0301\\u0301\\u0301\\u0301",
                "\\uD800", "\\uDFFF\\uD800", "\\uFEFF\\u200B\\u200D", "😀👩‍👩‍👧‍👦", "\\n\\r\\t", "%00%0A", "<script>alert(1)</script>")) {
            // Strange text where the price is wrong too: the text must not get in the way of the refusal.
            refusedWrite("name " + odd, admin, createProduct("amountMinor: -5, currency: \"EUR\"", "10")
                    .replace("\"Hostile\"", "\"" + odd + "\""));
            answeredRead("search " + odd, "{ products(filter: {search: \"" + odd + "\"}) { totalCount } }");
            answeredRead("sku " + odd, "{ productBySku(sku: \"" + odd + "\") { id } }");
        }
    }

    private void injection() {
        for (String operator : List.of("$where", "{$ne: null}", "{\\\"$gt\\\": \\\"\\\"}", "this.price > 0; sleep(5000)",
                ".*", "(a+)+$", "^(a|a)*$", "(.*a){25}", "a".repeat(5000) + "!", "\\\\", "[", "$regex", "'; return true; var x='")) {
            String label = operator.length() > 40 ? operator.substring(0, 12) + "..." : operator;
            answeredRead("search " + label, "{ products(filter: {search: \"" + operator + "\"}) { totalCount } }");
            answeredRead("category " + label, "{ products(filter: {category: \"" + operator + "\"}) { totalCount } }");
        }
        // Operators where the API takes a string: GraphQL's types turn them away before any query is built.
        for (String object : List.of("{\"$ne\": null}", "{\"$where\": \"sleep(100)\"}", "[\"$gt\", \"\"]", "{\"$regex\": \"(a+)+$\"}")) {
            refusedVariables("search variable " + object, App.QUERY, null,
                    "query ($s: String) { products(filter: {search: $s}) { totalCount } }", "{\"s\": " + object + "}");
            refusedVariables("sku variable " + object, App.COMMAND, admin,
                    "mutation ($s: String!) { createProduct(input: {sku: $s, name: \"N\", description: \"\", price: {amountMinor: 1,"
                            + " currency: \"EUR\"}, category: \"c\", stockQuantity: 1}) { id } }", "{\"s\": " + object + "}");
        }
        refusedRead("price filter as operator", null, "{ products(filter: {minPriceMinor: {$gt: 0}}) { totalCount } }");
    }

    private void shapes() {
        for (int depth : List.of(20, 60, 300)) {
            refusedRead("introspection " + depth + " deep", null, "{ __schema { types { fields { type "
                    + "{ ofType ".repeat(depth) + "{ name }" + " }".repeat(depth) + " } } } }");
        }
        for (int aliases : List.of(500, 5000)) {
            StringBuilder wide = new StringBuilder("{");
            for (int i = 0; i < aliases; i++) {
                wide.append(" p").append(i).append(": product(id: \"").append(product).append("\") { name }");
            }
            refusedRead(aliases + " aliased reads", null, wide.append(" }").toString());
        }
        refusedRead("a fragment that spreads itself", null,
                "query { product(id: \"" + product + "\") { ...f } } fragment f on Product { name ...f }");
        refusedRead("two fragments in a cycle", null,
                "query { product(id: \"" + product + "\") { ...a } } fragment a on Product { ...b } fragment b on Product { ...a }");
        refusedRead("20,000 tokens", null, "{" + " __typename".repeat(20_000) + " }");
        String one = json(Map.of("query", "{ __typename }"));
        refused("a batch of 2", App.QUERY, null, "application/json", "[" + one + "," + one + "]");
        refused("a batch of 1000", App.QUERY, null, "application/json", "[" + (one + ",").repeat(999) + one + "]");
        refused("a batch of mutations", App.COMMAND, admin, "application/json", "[" + json(Map.of("query",
                createProduct("amountMinor: 100, currency: \"EUR\"", "10"))) + "]");
        refused("not JSON", App.COMMAND, admin, "application/json", "{\"query\": ");
        refused("JSON but no query", App.COMMAND, admin, "application/json", "{\"mutation\": \"{ x }\"}");
        refused("a query that is a number", App.COMMAND, admin, "application/json", "{\"query\": 42}");
        refused("plain text", App.COMMAND, admin, "text/plain", "mutation { deleteProduct(input: {productId: \"" + product + "\"}) { version } }");
        refused("XML", App.QUERY, null, "application/xml", "<query>{ __typename }</query>");
        refused("an empty body", App.COMMAND, admin, "application/json", "");
        refused("a document that stops", App.COMMAND, admin, "application/graphql", "mutation { createProduct(input: {");
        refused("two operations, none named", App.COMMAND, admin, "application/graphql",
                "mutation { clearCart(input: {customerId: \"" + alice + "\"}) { version } } mutation { clearCart(input: {customerId: \""
                        + bob + "\"}) { version } }");
        refused("a subscription over HTTP", App.QUERY, null, "application/graphql", "subscription { productChanged { id } }");
    }

    private void wrongTypesAndMissingFields() {
        refusedWrite("quantity in words", asAlice, "mutation { addToCart(input: {productId: \"" + product + "\", quantity: \"two\"}) { version } }");
        refusedWrite("product id as a number", asAlice, "mutation { addToCart(input: {productId: 5, quantity: 1}) { version } }");
        refusedWrite("input as a string", admin, "mutation { createProduct(input: \"everything\") { id } }");
        refusedWrite("no input", admin, "mutation { createProduct { id } }");
        refusedWrite("no sku", admin, createProduct("amountMinor: 100, currency: \"EUR\"", "10").replaceFirst("sku: \"[^\"]*\", ", ""));
        refusedWrite("no price", admin, "mutation { createProduct(input: {sku: \"X-1\", name: \"N\", description: \"\", category: \"c\","
                + " stockQuantity: 1}) { id } }");
        refusedWrite("an unknown field", admin, "mutation { deleteProduct(input: {productId: \"" + product + "\", force: true}) { version } }");
        refusedWrite("an unknown mutation", admin, "mutation { dropDatabase { ok } }");
        refusedWrite("an unknown status", admin, "mutation { updateOrderStatus(input: {orderId: \"" + order + "\", status: GIVEN_AWAY}) { version } }");
        refusedWrite("status as a string", admin, "mutation { updateOrderStatus(input: {orderId: \"" + order + "\", status: \"PAID\"}) { version } }");
        refusedWrite("a list where one line is expected", asAlice, "mutation { createOrder(input: {shippingAddress: " + ADDRESS
                + ", lines: {productId: \"" + product + "\"}}) { id } }");
        refusedWrite("lines and fromCart", asAlice, "mutation { createOrder(input: {fromCart: true, shippingAddress: " + ADDRESS
                + ", lines: [{productId: \"" + product + "\", quantity: 1}]}) { id } }");
        refusedWrite("an address without a country", asAlice, "mutation { createOrder(input: {shippingAddress: {recipient: \"A\","
                + " line1: \"1\", postalCode: \"1\", city: \"B\"}, lines: [{productId: \"" + product + "\", quantity: 1}]}) { id } }");
        refusedWrite("a country that is not one", asAlice, "mutation { createOrder(input: {shippingAddress: " + ADDRESS.replace("\"BE\"", "\"XX\"")
                + ", lines: [{productId: \"" + product + "\", quantity: 1}]}) { id } }");
        refusedWrite("no lines", asAlice, "mutation { createOrder(input: {shippingAddress: " + ADDRESS + ", lines: []}) { id } }");
        refusedWrite("a negative expected version", admin, "mutation { updateProduct(input: {productId: \"" + product
                + "\", name: \"Cup\", expectedVersion: -1}) { version } }");
        refusedWrite("a 10,000-character idempotency key", admin, "mutation { adjustStock(input: {productId: \"" + product
                + "\", delta: 1, reason: \"r\", idempotencyKey: \"" + "k".repeat(10_000) + "\"}) { version } }");
        refusedRead("page size 0", admin, "{ orders(first: 0) { totalCount } }");
        refusedRead("page size 1,000,000", admin, "{ orders(first: 1000000) { totalCount } }");
        refusedRead("page size -5", null, "{ products(first: -5) { totalCount } }");
        refusedRead("a forged cursor", null, "{ products(after: \"eyJrIjoiJHdoZXJlIn0=\") { totalCount } }");
        refusedRead("a cursor that is not base64", null, "{ products(after: \"%%%\") { totalCount } }");
        refusedRead("a time range backwards", admin, "{ orderStatistics(from: \"2027-01-01T00:00:00Z\", to: \"2026-01-01T00:00:00Z\")"
                + " { orderCount } }");
        refusedRead("a date that is not one", admin, "{ orderStatistics(from: \"yesterday\", to: \"2026-01-01T00:00:00Z\") { orderCount } }");
        refusedVariables("a variable of the wrong type", App.COMMAND, asAlice,
                "mutation ($q: Int!) { addToCart(input: {productId: \"" + product + "\", quantity: $q}) { version } }", "{\"q\": \"many\"}");
        refusedVariables("a missing variable", App.COMMAND, asAlice,
                "mutation ($q: Int!) { addToCart(input: {productId: \"" + product + "\", quantity: $q}) { version } }", "{}");
    }

    private void credentials() {
        String addToCart = "mutation { addToCart(input: {productId: \"" + product + "\", quantity: 1}) { version } }";
        String adjust = "mutation { adjustStock(input: {productId: \"" + product + "\", delta: 50, reason: \"free\"}) { version } }";
        for (String token : List.of(TestTokens.forged(alice), TestTokens.expired(alice), TestTokens.fromAnotherIssuer(alice),
                "not-a-jwt", unsigned(alice), "Basic YWRtaW46YWRtaW4=", "Bearer ", "Bearer " + admin + "x")) {
            String label = token.length() > 30 ? token.substring(0, 20) + "..." : token;
            refused("token " + label + " on addToCart", App.COMMAND, token, "application/graphql", addToCart);
            refused("token " + label + " on adjustStock", App.COMMAND, token, "application/graphql", adjust);
            refused("token " + label + " on cart", App.QUERY, token, "application/graphql", "{ cart { version } }");
        }
        refusedWrite("no token on addToCart", null, addToCart);
        refusedWrite("a customer adjusting stock", asAlice, adjust);
        refusedWrite("a customer deleting a product", asAlice, "mutation { deleteProduct(input: {productId: \"" + product + "\"}) { version } }");
        refusedWrite("a customer paying their own order", asAlice, "mutation { updateOrderStatus(input: {orderId: \"" + order
                + "\", status: PAID}) { version } }");
        refusedWrite("another customer's cart", asBob, "mutation { addToCart(input: {customerId: \"" + alice + "\", productId: \""
                + product + "\", quantity: 1}) { version } }");
        refusedWrite("another customer's order cancelled", asBob, "mutation { cancelOrder(input: {orderId: \"" + order + "\"}) { version } }");
        refusedWrite("an order placed for another customer", asBob, "mutation { createOrder(input: {customerId: \"" + alice
                + "\", shippingAddress: " + ADDRESS + ", lines: [{productId: \"" + product + "\", quantity: 1}]}) { id } }");
        refusedRead("another customer's order", asBob, "{ order(id: \"" + order + "\") { status } }");
        refusedRead("another customer's history", asBob, "{ orderHistory(customerId: \"" + alice + "\") { totalCount } }");
        refusedRead("the back office as a customer", asBob, "{ orders { totalCount } }");
        refusedRead("a rebuild as a customer", asBob, "mutation { rebuildReadModel { state } }");
    }

    /** A token with "alg": "none": no signature at all. */
    private static String unsigned(UUID customer) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = base64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"" + customer
                + "\",\"groups\":[\"admin\"],\"exp\":4102444800}").getBytes());
        return header + "." + claims + ".";
    }

    private String createProduct(String price, String stock) {
        return "mutation { createProduct(input: {sku: \"H-" + UUID.randomUUID().toString().substring(0, 8) + "\", name: \"Hostile\","
                + " description: \"\", price: {" + price + "}, category: \"hostile\", stockQuantity: " + stock + "}) { id } }";
    }

    private void refusedWrite(String name, String token, String document) {
        requests.add(new HostileRequest(name, App.COMMAND, token, "application/json", json(Map.of("query", document)), true));
    }

    private void refusedRead(String name, String token, String document) {
        requests.add(new HostileRequest(name, App.QUERY, token, "application/json", json(Map.of("query", document)), true));
    }

    private void answeredRead(String name, String document) {
        requests.add(new HostileRequest(name, App.QUERY, null, "application/json", json(Map.of("query", document)), false));
    }

    private void refusedVariables(String name, App app, String token, String document, String variables) {
        String body = "{\"query\": " + json(document) + ", \"variables\": " + variables + "}";
        requests.add(new HostileRequest(name, app, token, "application/json", body, true));
    }

    private void refused(String name, App app, String token, String contentType, String body) {
        requests.add(new HostileRequest(name, app, token, contentType, body, true));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
