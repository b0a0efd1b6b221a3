package org.cqrsshop.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cqrsshop.mongostandin.MongoStandIn;

/**
 * A MongoDB for one test run. With {@code CQRS_TEST_MONGODB_URI} set, tests run unchanged against
 * that real MongoDB, in a database of their own that is dropped afterwards. Without it, an
 * in-process MongoDB wire-protocol server stands in; it lacks transactions, {@code $text} and
 * non-unique compound indexes, so a passing run on it proves behaviour, never performance.
 *
 * <p>A stand-in started with {@link #startPersistent} keeps its data in an H2 file, so a test can
 * stop it and start it again on the same port, as an outage of the MongoDB server would look to
 * the apps, and find the data still there.
 */
public final class TestMongo implements AutoCloseable {

    /** A port just closed can take a moment to be free again; waiting beats a flaky restart. */
    private static final Duration REBIND_WITHIN = Patience.SERVICE;

    public final String connectionString;
    public final String database;
    private final Path dataFile;
    private final int port;
    private final boolean owned;
    private volatile MongoStandIn standIn;

    private TestMongo(String connectionString, String database, MongoStandIn standIn, Path dataFile) {
        this(connectionString, database, standIn, dataFile, true);
    }

    private TestMongo(String connectionString, String database, MongoStandIn standIn, Path dataFile, boolean owned) {
        this.owned = owned;
        this.connectionString = connectionString;
        this.database = database;
        this.standIn = standIn;
        this.dataFile = dataFile;
        this.port = standIn == null ? -1 : standIn.port();
    }

    public static TestMongo start(String purpose) {
        return start(purpose, null);
    }

    /**
     * Like {@link #start(String)}, but a stand-in keeps its data in {@code dataFile} (deleted on
     * {@link #close()}), so that {@link #stopServer()} and {@link #startServer()} lose nothing. A real
     * MongoDB from {@code CQRS_TEST_MONGODB_URI} is used as it is; {@link #canRestart()} tells which.
     */
    public static TestMongo startPersistent(String purpose, Path dataFile) {
        return start(purpose, dataFile);
    }

    private static TestMongo start(String purpose, Path dataFile) {
        String database = "test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
        String realMongo = System.getenv("CQRS_TEST_MONGODB_URI");
        if (realMongo != null && !realMongo.isBlank()) {
            return new TestMongo(realMongo, database, null, null);
        }
        try {
            MongoStandIn standIn = MongoStandIn.start("127.0.0.1", 0, dataFile);
            return new TestMongo(standIn.connectionString(), database, standIn, dataFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A database on a MongoDB someone else runs, such as a bench run's, to read from; it cannot be
     * stopped, and {@link #close()} leaves the database in place.
     */
    public static TestMongo existing(String connectionString, String database) {
        return new TestMongo(connectionString, database, null, null, false);
    }

    /**
     * Whether this test may stop and start the server: only a stand-in that keeps its data in a
     * file. A real MongoDB belongs to someone else, and an in-memory stand-in would come back empty.
     */
    public boolean canRestart() {
        return dataFile != null;
    }

    /** Why {@link #canRestart()} is false, for a test that skips a MongoDB outage; empty when it can. */
    public Optional<String> whyNotRestartable() {
        if (canRestart()) {
            return Optional.empty();
        }
        if (!owned) {
            return Optional.of("this MongoDB belongs to whoever started it");
        }
        return Optional.of(standIn == null
                ? "the real MongoDB from CQRS_TEST_MONGODB_URI is not ours to stop"
                : "this stand-in keeps its data in memory, so a restart would lose it (use startPersistent)");
    }

    /** Stops the stand-in: connections drop and new ones are refused, and the data stays in its file. */
    public void stopServer() {
        requireRestartable();
        MongoStandIn running = standIn;
        if (running != null) {
            standIn = null;
            running.close();
        }
    }

    /** Starts the stand-in again on the port it had, with the data it had. */
    public void startServer() {
        requireRestartable();
        if (standIn != null) {
            return;
        }
        Instant deadline = Instant.now().plus(REBIND_WITHIN);
        while (true) {
            try {
                standIn = MongoStandIn.start("127.0.0.1", port, dataFile);
                return;
            } catch (BindException portNotFreeYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new UncheckedIOException("port " + port + " stayed taken for " + REBIND_WITHIN, portNotFreeYet);
                }
                pause();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Settings in the names the query-app reads. */
    public Map<String, String> appConfig() {
        return Map.of("MONGODB_URI", connectionString, "MONGODB_DATABASE", database);
    }

    public MongoClient client() {
        return MongoClients.create(connectionString);
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        if (canRestart()) {
            MongoStandIn running = standIn;
            standIn = null;
            if (running != null) {
                running.close();
            }
            deleteDataFile();
        } else if (standIn != null) {
            standIn.close();
        } else {
            try (MongoClient client = client()) {
                client.getDatabase(database).drop();
            }
        }
    }

    private void requireRestartable() {
        whyNotRestartable().ifPresent(reason -> {
            throw new IllegalStateException("cannot stop or start this MongoDB: " + reason);
        });
    }

    /** H2 keeps the data in the file itself and may leave a lock or temporary file beside it. */
    private void deleteDataFile() {
        Path directory = dataFile.toAbsolutePath().getParent();
        String name = dataFile.getFileName().toString();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith(name)).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dataFile, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the port", e);
        }
    }
}
