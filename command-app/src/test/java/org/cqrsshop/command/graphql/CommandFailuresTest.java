package org.cqrsshop.command.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.graphql.errors.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Each way the pg client and Netty report a connection that went away, as seen during a fault campaign. */
    static List<Throwable> connectionLosses() {
        return List.of(
                new SocketException("Connection reset"),
                new SocketException("Broken pipe (Write failed)"),
                new ConnectException("Connection refused"),
                new ConnectTimeoutException("connection timed out: /127.0.0.1:5432"),
                new IOException("Connection reset by peer"),
                new ClosedChannelException(),
                new EOFException(),
                new VertxException("Connection was closed", true),
                new VertxException("Pool closed"),
                ClosedConnectionException.INSTANCE,
                new PgException("server closed the connection unexpectedly", "FATAL", "08006", null),
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null),
                new PgException("the database system is shutting down", "FATAL", "57P02", null),
                new PgException("the database system is starting up", "FATAL", "57P03", null));
    }

    @ParameterizedTest
    @MethodSource("connectionLosses")
    void a_lost_connection_is_unavailable_however_deep_it_lies(Throwable loss) {
        assertThat(codeOf(loss)).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(codeOf(new CompletionException(loss))).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(codeOf(new VertxException(new IllegalStateException("commit failed", loss)))).isEqualTo(ErrorCode.UNAVAILABLE);
        RuntimeException rollbackFailed = new IllegalStateException("rollback failed");
        rollbackFailed.addSuppressed(loss);
        assertThat(codeOf(new CompletionException(rollbackFailed))).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void a_json_failure_is_an_io_exception_but_our_own_so_it_stays_internal() {
        assertThat(failures.classify(new JsonParseException(null, "Unexpected character"))).isEmpty();
        assertThat(failures.classify(new VertxException("Connection refused? no: a bug"))).isEmpty();
    }

    @Test
    void a_cause_chain_with_a_cycle_ends() {
        RuntimeException first = new IllegalStateException("first");
        RuntimeException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(failures.classify(first)).isEmpty();
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
