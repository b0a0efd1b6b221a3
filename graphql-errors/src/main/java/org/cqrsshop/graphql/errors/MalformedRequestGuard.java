package org.cqrsshop.graphql.errors;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cqrsshop.common.error.ErrorCode;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers requests that never reach GraphQL execution: a body that is not a GraphQL request, or
 * a document that does not parse. SmallRye replies to those itself, without a code, so this route
 * runs first and replies in our form, {@code VALIDATION_FAILED}. Well-formed requests pass on.
 */
@ApplicationScoped
public class MalformedRequestGuard {

    /**
     * Clients send the same few documents again and again, with variables; parsing each once is
     * enough (SmallRye keeps its own cache of parsed documents for execution). Bounded: when full,
     * it starts over, which costs a parse per document and nothing else.
     */
    private static final int REMEMBERED_DOCUMENTS = 2048;

    private final String graphqlPath;
    private final MemorySize maxBodySize;
    private final Set<String> parsedBefore = ConcurrentHashMap.newKeySet();

    public MalformedRequestGuard(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "/graphql") String graphqlPath,
            @ConfigProperty(name = "cqrs-shop.graphql.max-body-size", defaultValue = "256K") MemorySize maxBodySize) {
        // Quarkus takes the GraphQL path relative to the HTTP root; a route needs it absolute.
        this.graphqlPath = graphqlPath.startsWith("/") ? graphqlPath : "/" + graphqlPath;
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, graphqlPath).order(-1)
                .handler(BodyHandler.create().setBodyLimit(maxBodySize.asLongValue()))
                .handler(this::check)
                .failureHandler(this::tooLarge);
    }

    /** The body handler refuses an oversized body with a bare 413; clients get our form with it. */
    private void tooLarge(RoutingContext request) {
        if (request.statusCode() != 413 || request.response().ended()) {
            request.next();
            return;
        }
        reject(request, 413, "the request body is larger than " + maxBodySize.asLongValue() + " bytes", null);
    }

    private void check(RoutingContext request) {
        String contentType = String.valueOf(request.request().getHeader("Content-Type")).toLowerCase();
        String query;
        if (contentType.startsWith("application/graphql")) {
            query = request.body().asString();
        } else if (contentType.startsWith("application/json")) {
            Object body;
            try {
                body = Json.decodeValue(request.body().buffer());
            } catch (DecodeException | NullPointerException notJson) {
                reject(request, 400, "the request body is not JSON", null);
                return;
            }
            if (body instanceof JsonArray) {
                reject(request, 400, "batched requests are not supported; send one request per operation", null);
                return;
            }
            if (!(body instanceof JsonObject operation)) {
                reject(request, 400, "the request body must be a JSON object with a \"query\"", null);
                return;
            }
            query = operation.getValue("query") instanceof String text ? text : null;
        } else {
            reject(request, 415, "send the request as application/json or application/graphql", null);
            return;
        }
        if (query == null || query.isBlank()) {
            reject(request, 400, "the request has no \"query\" string", null);
            return;
        }
        if (!parsedBefore.contains(query)) {
            Document document;
            try {
                document = Parser.parse(query);
            } catch (InvalidSyntaxException syntax) {
                reject(request, 200, syntax.getMessage(), syntax.getLocation());
                return;
            }
            // Over HTTP, SmallRye would run a subscription and answer with its publisher's insides.
            if (document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .anyMatch(operation -> operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION)) {
                reject(request, 400, "subscriptions are served over WebSocket (graphql-transport-ws), not HTTP", null);
                return;
            }
            remember(query);
        }
        request.next();
    }

    private void remember(String query) {
        if (parsedBefore.size() >= REMEMBERED_DOCUMENTS) {
            parsedBefore.clear();
        }
        parsedBefore.add(query);
    }

    private static void reject(RoutingContext request, int status, String message, SourceLocation location) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (location != null) {
            error.put("locations", List.of(Map.of("line", location.getLine(), "column", location.getColumn())));
        }
        error.put("extensions", Map.of("code", ErrorCode.VALIDATION_FAILED.name()));
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/graphql-response+json; charset=utf-8")
                .end(Json.encode(Map.of("errors", List.of(error))));
    }
}
