package org.cqrsshop.command.graphql;

import com.fasterxml.jackson.core.JacksonException;
import io.quarkus.arc.Unremovable;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** The messages of Vert.x's own exceptions for a connection, or the pool, that went away. */
    private static final Set<String> CONNECTION_CLOSED = Set.of("Connection was closed", "Pool closed");

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
     * PostgreSQL refusing or dropping connections, at any stage of a command: while it restarts or
     * fails over, or when the network between us breaks. The pg client reports that in several
     * ways, anywhere in the cause chain: the socket's own error (a reset, a broken pipe, a refused
     * connection: {@link IOException}s of the JDK or Netty), Vert.x's "Connection was closed",
     * {@link ClosedConnectionException}, or PostgreSQL's word for it: SQL states of class 08 are
     * connection failures, 57P01 to 57P03 a server shutting down or starting up. Jackson's
     * exceptions are IOExceptions too, but they are our own failures.
     */
    static boolean isEventStoreOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        while (!pending.isEmpty()) {
            Throwable cause = pending.pop();
            if (!seen.add(cause)) {
                continue;
            }
            if (isConnectionLoss(cause)) {
                return true;
            }
            if (cause.getCause() != null) {
                pending.push(cause.getCause());
            }
            // A rollback that fails after the connection dropped keeps the drop as a suppressed exception.
            pending.addAll(Arrays.asList(cause.getSuppressed()));
        }
        return false;
    }

    private static boolean isConnectionLoss(Throwable cause) {
        if (cause instanceof IOException && !(cause instanceof JacksonException)) {
            return true;
        }
        if (cause instanceof ClosedConnectionException) {
            return true;
        }
        if (cause instanceof VertxException && CONNECTION_CLOSED.contains(cause.getMessage())) {
            return true;
        }
        return cause instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("08") || pg.getSqlState().matches("57P0[123]"));
    }
}
