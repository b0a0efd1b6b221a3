package org.cqrsshop.command.graphql;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.cqrsshop.command.handling.CommandContext;

/**
 * Builds each command's context from the HTTP request: a client may pass an
 * {@code X-Correlation-Id} (a UUID) to tie our events to its own logs.
 */
@RequestScoped
public class RequestMetadata {

    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final RoutingContext request;
    private final Clock clock;

    public RequestMetadata(RoutingContext request, Clock clock) {
        this.request = request;
        this.clock = clock;
    }

    public CommandContext newCommand() {
        UUID commandId = UUID.randomUUID();
        return new CommandContext(commandId, correlationId().orElse(commandId), null, clock.instant());
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
