package org.cqrsshop.command.handling;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a command is to be run, apart from what it asks for.
 *
 * @param operation the mutation's name; idempotency keys are bound to it
 * @param expectedVersion the version of the command's main stream the client last saw, if it
 *     wants the command refused when the stream has moved on since. Without it, clashes with
 *     concurrent commands are retried on fresh state.
 */
public record CommandRequest(
        String operation, CommandContext context, OptionalLong expectedVersion, Optional<IdempotencyKey> idempotencyKey) {

    public CommandRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
