package org.cqrsshop.command.graphql;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.cqrsshop.command.eventstore.VersionConflict;
import org.cqrsshop.command.handling.CommandRejected;
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
            return Optional.of(ApiError.of(rejected.rejection().code(), rejected.rejection().message()));
        }
        if (failure instanceof VersionConflict conflict) {
            return Optional.of(new ApiError(ErrorCode.CONCURRENCY_CONFLICT, conflict.getMessage(),
                    Map.of("expectedVersion", conflict.expectedVersion())));
        }
        return Optional.empty();
    }
}
