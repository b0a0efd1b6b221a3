package org.cqrsshop.systemtest.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.cqrsshop.testing.TestPostgres;
import org.cqrsshop.testing.TestRabbit;

/**
 * The machine's own RabbitMQ and PostgreSQL servers, stopped and started for real, as
 * {@code scripts/services.sh} started them: {@code rabbitmqctl stop_app} / {@code start_app} and
 * {@code pg_ctlcluster ... restart}. Other runs on the machine share these servers, so whatever
 * this class stops it starts again in {@link #restoreEverything()}, which a test calls in a
 * {@code finally}, and in a shutdown hook should the test JVM be stopped before that.
 */
public final class LocalServers {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ACCEPTS_CONNECTIONS_WITHIN = Duration.ofSeconds(60);
    private static final Path POSTGRES_CLUSTERS = Path.of("/etc/postgresql");
    /**
     * {@code -Dfault.campaign.shared-servers=false} leaves RabbitMQ and PostgreSQL alone, for a
     * machine where someone else is using them at the moment.
     */
    public static final String SHARED_SERVERS_PROPERTY = "fault.campaign.shared-servers";

    private final TestRabbit rabbit;
    private final TestPostgres postgres;
    private volatile boolean brokerStopped;
    private volatile boolean postgresRestarted;
    private final Thread restoreOnExit = new Thread(this::restoreEverything, "restore-local-servers");

    public LocalServers(TestRabbit rabbit, TestPostgres postgres) {
        this.rabbit = rabbit;
        this.postgres = postgres;
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    /** Why the broker cannot be stopped from here, if it cannot; a test then skips that fault. */
    public Optional<String> whyBrokerCannotBeStopped() {
        if (sharedServersOffLimits()) {
            return Optional.of("-D" + SHARED_SERVERS_PROPERTY + "=false");
        }
        if (!isLoopback(rabbit.host)) {
            return Optional.of("RabbitMQ at " + rabbit.host + " is not on this machine");
        }
        return executable("rabbitmqctl").isPresent() ? Optional.empty() : Optional.of("rabbitmqctl is not installed here");
    }

    /** Why PostgreSQL cannot be restarted from here, if it cannot; a test then skips that fault. */
    public Optional<String> whyPostgresCannotBeRestarted() {
        if (sharedServersOffLimits()) {
            return Optional.of("-D" + SHARED_SERVERS_PROPERTY + "=false");
        }
        if (!isLoopback(postgres.host)) {
            return Optional.of("PostgreSQL at " + postgres.host + " is not on this machine");
        }
        if (executable("pg_ctlcluster").isEmpty()) {
            return Optional.of("pg_ctlcluster is not installed here");
        }
        return postgresVersion().isPresent() ? Optional.empty() : Optional.of("no cluster in " + POSTGRES_CLUSTERS);
    }

    /** Stops the RabbitMQ application on the node; the Erlang node stays up, AMQP connections are refused. */
    public void stopBroker() {
        brokerStopped = true;
        run("rabbitmqctl", "stop_app");
    }

    /** Starts the RabbitMQ application again and returns once it accepts AMQP connections. */
    public void startBroker() {
        run("rabbitmqctl", "start_app");
        awaitBrokerAcceptsConnections();
        brokerStopped = false;
    }

    /**
     * Restarts the PostgreSQL cluster (a fast shutdown: sessions are ended, transactions in flight
     * roll back) and returns once it accepts connections again.
     */
    public void restartPostgres() {
        String version = postgresVersion().orElseThrow();
        postgresRestarted = true;
        // Without the flag, pg_ctlcluster hands the work to systemd, which this machine may not run.
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart");
        awaitPostgresAcceptsConnections();
    }

    /**
     * Starts whatever this class stopped, and PostgreSQL if it restarted it and it does not run
     * now. Safe to call at any time.
     */
    public void restoreEverything() {
        List<RuntimeException> failures = new ArrayList<>();
        if (brokerStopped) {
            try {
                startBroker();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (postgresRestarted && !postgresAcceptsConnections()) {
            try {
                run("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion().orElseThrow(), "main", "start");
                awaitPostgresAcceptsConnections();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException(
                    "could not restore the local servers; run scripts/services.sh");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Restores everything and no longer watches for the JVM's exit. */
    public void close() {
        try {
            restoreEverything();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static boolean sharedServersOffLimits() {
        return !Boolean.parseBoolean(System.getProperty(SHARED_SERVERS_PROPERTY, "true"));
    }

    private void awaitBrokerAcceptsConnections() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbit.host);
        factory.setPort(rabbit.port);
        factory.setUsername(rabbit.user);
        factory.setPassword(rabbit.password);
        factory.setConnectionTimeout(2_000);
        factory.setAutomaticRecoveryEnabled(false);
        awaitUntil("RabbitMQ to accept connections", () -> {
            try (Connection connection = factory.newConnection("fault-campaign-probe")) {
                return connection.isOpen();
            } catch (IOException | TimeoutException notYet) {
                return false;
            }
        });
    }

    private void awaitPostgresAcceptsConnections() {
        awaitUntil("PostgreSQL to accept connections", this::postgresAcceptsConnections);
    }

    /** Asks the server's maintenance database, which outlives the test's own. */
    private boolean postgresAcceptsConnections() {
        String url = "jdbc:postgresql://" + postgres.host + ":" + postgres.port + "/postgres";
        try (var connection = DriverManager.getConnection(url, postgres.user, postgres.password)) {
            return connection.isValid(2);
        } catch (SQLException notYet) {
            return false;
        }
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(ACCEPTS_CONNECTIONS_WITHIN);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + ACCEPTS_CONNECTIONS_WITHIN);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static Optional<String> postgresVersion() {
        if (!Files.isDirectory(POSTGRES_CLUSTERS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(POSTGRES_CLUSTERS)) {
            // The newest, as scripts/services.sh picks it.
            return versions.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("[0-9.]+"))
                    .max((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs a server's control command and fails with its output unless it succeeds. */
    private static void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable(program).map(Path::toString).orElse(program));
        command.addAll(List.of(arguments));
        String described = program + " " + String.join(" ", arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Read while it runs, so that a chatty command never blocks on a full pipe.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(described + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(described + " exited with " + process.exitValue() + ": "
                        + output.join().strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + described, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + described, e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    /** Where a program is: on the PATH, or in the sbin directories that a non-login PATH may lack. */
    private static Optional<Path> executable(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/bin", "/sbin"))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
