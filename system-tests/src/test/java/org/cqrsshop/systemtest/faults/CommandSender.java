package org.cqrsshop.systemtest.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends one mutation to the command-app's GraphQL endpoint, as a client would, and sorts what
 * came back into acknowledged, failed (the client saw an error) or unknown (no answer). Every
 * mutation carries a fresh idempotency key, so the event store can tell afterwards whether a
 * command of unknown outcome was carried out.
 */
final class CommandSender {

    /** Longer than any command takes on a healthy system; past it the outcome is unknown. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI endpoint;

    CommandSender(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * @param arguments the mutation's input fields, without braces and without the idempotency key
     * @param bearerToken the caller: an admin or the customer the command is for
     */
    SentCommand send(String client, String operation, String arguments, String bearerToken) {
        String key = client + "-" + UUID.randomUUID();
        String document = "mutation { " + operation + "(input: {" + arguments + ", idempotencyKey: \"" + key + "\"})"
                + " { id version position } }";
        Instant sentAt = Instant.now();
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(ANSWER_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + bearerToken)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document))))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException notSent) {
            // No connection, so nothing was sent: the command certainly did not run.
            return SentCommand.failed(client, operation, key, sentAt, "connection refused");
        } catch (HttpTimeoutException noAnswer) {
            return SentCommand.unknown(client, operation, key, sentAt, "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (IOException dropped) {
            // The request may have been read, and the command carried out, before the link broke.
            return SentCommand.unknown(client, operation, key, sentAt, "connection dropped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SentCommand.unknown(client, operation, key, sentAt, "interrupted while waiting for the answer");
        }
        if (response.statusCode() != 200) {
            return SentCommand.failed(client, operation, key, sentAt, "HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException unreadable) {
            return SentCommand.failed(client, operation, key, sentAt, "unreadable answer");
        }
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> codes = new ArrayList<>();
            errors.forEach(error -> codes.add(error.path("extensions").path("code").asText("")));
            return SentCommand.refused(client, operation, key, sentAt, codes);
        }
        JsonNode result = body.path("data").path(operation);
        if (!result.path("id").isTextual()) {
            return SentCommand.failed(client, operation, key, sentAt, "answer without data");
        }
        return SentCommand.acknowledged(client, operation, key, sentAt, result.path("id").asText(),
                result.path("version").asLong(), result.path("position").asLong());
    }
}
