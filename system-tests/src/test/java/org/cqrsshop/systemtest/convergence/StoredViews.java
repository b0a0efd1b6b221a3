package org.cqrsshop.systemtest.convergence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.cqrsshop.query.projection.ViewProjection;
import org.cqrsshop.testing.TestMongo;

/**
 * The query-app's view documents as MongoDB holds them, read and, for fault tests, damaged
 * behind the query-app's back.
 */
public final class StoredViews implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;

    public StoredViews(TestMongo mongo) {
        this.client = mongo.client();
        this.database = client.getDatabase(mongo.database);
    }

    /** Every view of every projection, by collection and then by id. */
    public Map<String, Map<String, BsonDocument>> snapshot() {
        Map<String, Map<String, BsonDocument>> snapshot = new LinkedHashMap<>();
        for (ViewProjection<?> projection : ExpectedViews.projections()) {
            snapshot.put(projection.collection(), all(projection.collection()));
        }
        return snapshot;
    }

    public Map<String, BsonDocument> all(String collection) {
        Map<String, BsonDocument> views = new LinkedHashMap<>();
        for (BsonDocument view : collection(collection).find()) {
            views.put(view.getString("_id").getValue(), view);
        }
        return views;
    }

    /** The view, or {@code null} if there is none. */
    public BsonDocument find(String collection, String id) {
        return collection(collection).find(Filters.eq("_id", id)).first();
    }

    /** Puts {@code view} in place of the stored one, creating it if needed. */
    public void replace(String collection, BsonDocument view) {
        Bson sameId = Filters.eq("_id", view.getString("_id").getValue());
        collection(collection).replaceOne(sameId, view, new ReplaceOptions().upsert(true));
    }

    /** Sets one top-level field of a stored view, as a stray write would. */
    public void setField(String collection, String id, String field, BsonValue value) {
        collection(collection).updateOne(Filters.eq("_id", id), Updates.set(field, value));
    }

    public void delete(String collection, String id) {
        collection(collection).deleteOne(Filters.eq("_id", id));
    }

    private MongoCollection<BsonDocument> collection(String name) {
        return database.getCollection(name, BsonDocument.class);
    }

    @Override
    public void close() {
        client.close();
    }
}
