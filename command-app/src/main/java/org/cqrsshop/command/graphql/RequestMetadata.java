package org.cqrsshop.command.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.cqrsshop.command.handling.CommandContext;
import org.cqrsshop.command.handling.CommandRequest;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.cqrsshop.graphql.auth.Caller;

/**
 * Builds each command's request from the HTTP request and the mutation's input. A client may pass
 * an {@code X-Correlation-Id} (a UUID) to tie our events to its own logs.
 */
@RequestScoped
public class RequestMetadata {

    static final String CORRELATION_HEADER = "X-Correlation-Id";

    /** Sorted keys make the same input always print the same, whatever order the client sent. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final RoutingContext request;
    private final Clock clock;
    private final Caller caller;

    public RequestMetadata(RoutingContext request, Clock clock, Caller caller) {
        this.request = request;
        this.clock = clock;
        this.caller = caller;
    }

    /**
     * @param input the mutation's input object; with the operation it makes the fingerprint that
     *     tells a repeated request from a different one under the same idempotency key
     */
    public CommandRequest request(String operation, Object input, Integer expectedVersion, String idempotencyKey) {
        UUID commandId = UUID.randomUUID();
        String actor = caller.actor().orElse(null);
        CommandContext context = new CommandContext(commandId, correlationId().orElse(commandId), actor, clock.instant());
        OptionalLong expected = expectedVersion == null ? OptionalLong.empty() : OptionalLong.of(expectedVersion);
        Optional<IdempotencyKey> key = Optional.ofNullable(idempotencyKey)
                .map(value -> Inputs.build("input.idempotencyKey", () -> new IdempotencyKey(value, fingerprint(operation, actor, input))));
        return new CommandRequest(operation, context, expected, key);
    }

    /**
     * The caller is part of it: keys are shared by everyone, and a repeat by another caller must
     * not be answered with someone else's result.
     */
    private static String fingerprint(String operation, String actor, Object input) {
        ObjectNode canonical = CANONICAL.valueToTree(input);
        canonical.remove("idempotencyKey");
        canonical.put("operation", operation);
        canonical.put("actor", actor);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a request", e);
        }
    }

    private Optional<UUID> correlationId() {
        String header = request.request().getHeader(CORRELATION_HEADER);
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(header.trim()));
        } catch (IllegalArgumentException notAUuid) {
            // A malformed header is the client's tracing concern, not a reason to refuse the command.
            return Optional.empty();
        }
    }
}
