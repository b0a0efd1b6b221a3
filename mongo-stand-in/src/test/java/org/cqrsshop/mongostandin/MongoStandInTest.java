package org.cqrsshop.mongostandin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.cqrsshop.mongostandin.MongoStandIn.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStandInTest {

    @Test
    void data_written_before_a_restart_is_there_after_it(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("nested/shop.h2");
        try (MongoStandIn first = MongoStandIn.start(0, file);
                MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("shop").getCollection("products")
                    .insertOne(new Document("_id", "p-1").append("name", "Mug"));
        }

        try (MongoStandIn second = MongoStandIn.start(0, file);
                MongoClient client = MongoClients.create(second.connectionString())) {
            Document found = client.getDatabase("shop").getCollection("products")
                    .find(new Document("_id", "p-1")).first();
            assertThat(found).isEqualTo(new Document("_id", "p-1").append("name", "Mug"));
        }
    }

    @Test
    void port_zero_reports_the_port_it_got() throws Exception {
        try (MongoStandIn standIn = MongoStandIn.start("127.0.0.1", 0, null)) {
            assertThat(standIn.port()).isPositive();
            assertThat(standIn.connectionString()).isEqualTo("mongodb://127.0.0.1:" + standIn.port());
            assertThat(standIn.dataFile()).isEmpty();
        }
    }

    @Test
    void no_arguments_mean_loopback_default_port_in_memory() {
        assertThat(Options.parse()).isEqualTo(new Options("127.0.0.1", 27017, null));
    }

    @Test
    void every_option_is_read() {
        assertThat(Options.parse("--port", "27018", "--bind", "0.0.0.0", "--data-file", "/tmp/x/mongo.h2"))
                .isEqualTo(new Options("0.0.0.0", 27018, Path.of("/tmp/x/mongo.h2")));
    }

    @Test
    void bad_arguments_are_refused_with_the_reason() {
        assertThatThrownBy(() -> Options.parse("--port", "mongo")).hasMessage("not a port: mongo");
        assertThatThrownBy(() -> Options.parse("--port", "70000")).hasMessage("port out of range: 70000");
        assertThatThrownBy(() -> Options.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> Options.parse("--data-file", "--in-memory")).hasMessage("--data-file needs a value");
        assertThatThrownBy(() -> Options.parse("--in-memory", "--data-file", "x.h2"))
                .hasMessage("--in-memory and --data-file exclude each other");
        assertThatThrownBy(() -> Options.parse("--verbose")).hasMessage("unknown option --verbose");
    }
}
