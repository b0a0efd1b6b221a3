package org.cqrsshop.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.cqrsshop.mongostandin.MongoStandIn;

/**
 * A MongoDB for one test run. With {@code CQRS_TEST_MONGODB_URI} set, tests run unchanged against
 * that real MongoDB, in a database of their own that is dropped afterwards. Without it, an
 * in-process MongoDB wire-protocol server stands in; it lacks transactions, {@code $text} and
 * non-unique compound indexes, so a passing run on it proves behaviour, never performance.
 */
public final class TestMongo implements AutoCloseable {

    public final String connectionString;
    public final String database;
    private final MongoStandIn standIn;

    private TestMongo(String connectionString, String database, MongoStandIn standIn) {
        this.connectionString = connectionString;
        this.database = database;
        this.standIn = standIn;
    }

    public static TestMongo start(String purpose) {
        String database = "test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
        String realMongo = System.getenv("CQRS_TEST_MONGODB_URI");
        if (realMongo != null && !realMongo.isBlank()) {
            return new TestMongo(realMongo, database, null);
        }
        try {
            MongoStandIn standIn = MongoStandIn.start("127.0.0.1", 0, null);
            return new TestMongo(standIn.connectionString(), database, standIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        if (standIn != null) {
            standIn.close();
        } else {
            try (MongoClient client = client()) {
                client.getDatabase(database).drop();
            }
        }
    }
}
