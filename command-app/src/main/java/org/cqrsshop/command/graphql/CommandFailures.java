package org.cqrsshop.command.graphql;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.cqrsshop.command.eventstore.ClaimTaken;
import org.cqrsshop.command.eventstore.VersionConflict;
import org.cqrsshop.command.handling.CommandRejected;
import org.cqrsshop.command.handling.IdempotencyKeyReused;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.graphql.errors.ApiError;
import org.cqrsshop.graphql.errors.FailureClassifier;

/** How the write side's failures reach clients. */
@Unremovable
@ApplicationScoped
public class CommandFailures implements FailureClassifier {

    @Override
    public Optional<ApiError> classify(Throwable failure) {
        if (failure instanceof CommandRejected rejected) {
            var rejection = rejected.rejection();
            return Optional.of(new ApiError(rejection.code(), rejection.message(), rejection.details()));
        }
        if (failure instanceof VersionConflict conflict) {
            return Optional.of(new ApiError(ErrorCode.CONCURRENCY_CONFLICT, conflict.getMessage(),
                    Map.of("expectedVersion", conflict.expectedVersion())));
        }
        if (failure instanceof ClaimTaken taken) {
            return Optional.of(new ApiError(taken.code(), taken.scope() + " " + taken.value() + " is already taken",
                    Map.of(taken.scope(), taken.value())));
        }
        if (failure instanceof IdempotencyKeyReused reused) {
            return Optional.of(ApiError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, reused.getMessage()));
        }
        return Optional.empty();
    }
}
