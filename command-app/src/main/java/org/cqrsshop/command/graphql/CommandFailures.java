package org.cqrsshop.command.graphql;

import io.quarkus.arc.Unremovable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
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
        if (isEventStoreOutage(failure)) {
            return Optional.of(ApiError.of(ErrorCode.UNAVAILABLE,
                    "the event store cannot be reached just now; retry, with the same idempotencyKey for a mutation"));
        }
        return Optional.empty();
    }

    /**
     * PostgreSQL refusing or dropping connections: while it restarts or fails over. SQL states of
     * class 08 are connection failures; 57P01 to 57P03 a server shutting down or starting up.
     */
    static boolean isEventStoreOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
