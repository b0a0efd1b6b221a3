package org.cqrsshop.graphql.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.cqrsshop.common.error.ErrorCode;

/**
 * Answers a request whose bearer token fails verification (forged, expired, from another issuer)
 * in our error form. Quarkus checks the token before any route runs and would answer with a bare
 * 401; clients get the same 401, with a body that says {@code UNAUTHENTICATED}.
 */
@ApplicationScoped
public class RejectedTokens {

    void install(@Observes Router router) {
        router.route().failureHandler(this::answer);
    }

    private void answer(RoutingContext request) {
        if (!(request.failure() instanceof AuthenticationFailedException) || request.response().ended()) {
            request.next();
            return;
        }
        Map<String, Object> error = Map.of(
                "message", "the bearer token is not valid: it must be signed by our identity provider and unexpired",
                "extensions", Map.of("code", ErrorCode.UNAUTHENTICATED.name()));
        request.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer")
                .putHeader("Content-Type", "application/graphql-response+json; charset=utf-8")
                .end(Json.encode(Map.of("errors", List.of(error))));
    }
}
