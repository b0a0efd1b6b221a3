package org.cqrsshop.command.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cqrsshop.testing.TestTokens;

/** A client of the app under test that speaks the shop's language: create a product, add to cart, order. */
public final class Shop {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String ADDRESS = "{recipient: \"Ada Lovelace\", line1: \"12 St James's Square\", "
            + "postalCode: \"SW1Y 4JH\", city: \"London\", country: \"GB\"}";

    private Shop() {}

    /** Creates a product with its own SKU and returns its id. */
    public static String createProduct(int stock, long priceMinor) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        return data(post("mutation { createProduct(input: {sku: \"" + sku + "\", name: \"Mug\", description: \"\","
                + " price: {amountMinor: " + priceMinor + ", currency: \"EUR\"}, category: \"kitchen\", stockQuantity: "
                + stock + "}) { id } }").join()).path("createProduct").path("id").asText();
    }

    public static String orderLines(String customerId, String productId, int quantity) {
        return "mutation { createOrder(input: {customerId: \"" + customerId + "\", shippingAddress: " + ADDRESS
                + ", lines: [{productId: \"" + productId + "\", quantity: " + quantity + "}]})"
                + " { id version position orderNumber total { amountMinor currency } } }";
    }

    /** Posts as an admin, who may do everything (acting for a customer by naming them). */
    public static CompletableFuture<JsonNode> post(String document) {
        return post(document, TestTokens.admin());
    }

    /** Posts with this bearer token, or with none when it is {@code null}. */
    public static CompletableFuture<JsonNode> post(String document, String bearerToken) {
        return send(document, bearerToken).thenApply(response -> {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(response.body(), e);
            }
        });
    }

    /** The raw response, for its status as well as its body. */
    public static CompletableFuture<HttpResponse<String>> send(String document, String bearerToken) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("query", document));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The data of a response that must have no errors. */
    public static JsonNode data(JsonNode response) {
        if (response.has("errors")) {
            throw new AssertionError("unexpected errors: " + response);
        }
        return response.path("data");
    }

    public static String errorCode(JsonNode response) {
        return response.path("errors").path(0).path("extensions").path("code").asText(null);
    }
}
