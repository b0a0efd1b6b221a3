package org.cqrsshop.mongostandin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStandInTest {

    @Test
    void data_written_before_a_restart_is_there_after_it(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("nested/shop.h2");
        try (MongoStandIn first = MongoStandIn.start("127.0.0.1", 0, file);
                MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("shop").getCollection("products").insertOne(new Document("_id", "p-1").append("name", "Mug"));
        }

        try (MongoStandIn second = MongoStandIn.start("127.0.0.1", 0, file);
                MongoClient client = MongoClients.create(second.connectionString())) {
            Document found = client.getDatabase("shop").getCollection("products").find(new Document("_id", "p-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("name")).isEqualTo("Mug");
        }
    }
}
