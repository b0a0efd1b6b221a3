package org.cqrsshop.command.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.graphql.errors.ApiError;
import org.junit.jupiter.api.Test;

class CommandFailuresTest {

    private final CommandFailures failures = new CommandFailures();

    @Test
    void postgresql_shutting_down_refusing_or_dropping_connections_is_unavailable_not_internal() {
        assertThat(codeOf(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)))
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(codeOf(new PgException("the database system is starting up", "FATAL", "57P03", null)))
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(codeOf(new PgException("connection failure", "FATAL", "08006", null))).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(codeOf(new CompletionException(ClosedConnectionException.INSTANCE))).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(codeOf(new IllegalStateException(new ConnectException("Connection refused"))))
                .isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void other_database_errors_stay_unclassified_and_so_internal() {
        assertThat(failures.classify(new PgException("division by zero", "ERROR", "22012", null))).isEmpty();
        assertThat(failures.classify(new IllegalStateException("a bug"))).isEmpty();
    }

    private ErrorCode codeOf(Throwable failure) {
        return failures.classify(failure).map(ApiError::code).orElse(null);
    }
}
