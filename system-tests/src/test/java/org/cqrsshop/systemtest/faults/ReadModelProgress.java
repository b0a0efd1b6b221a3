package org.cqrsshop.systemtest.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.cqrsshop.query.projection.ViewProjection;
import org.cqrsshop.systemtest.convergence.ExpectedViews;
import org.cqrsshop.testing.TestMongo;

/**
 * How far the read model has got, view by view: each view stores the stream version of the last
 * event folded into it, so a view at version n holds exactly the first n events of its stream.
 * Cheap enough to ask every 100 ms while the load runs, unlike a full comparison of the views.
 */
public final class ReadModelProgress implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;

    public ReadModelProgress(TestMongo mongo) {
        this.client = mongo.client();
        this.database = client.getDatabase(mongo.database);
    }

    /** The version of every view, by view id (the id of its stream). */
    public Map<String, Long> viewVersions() {
        Map<String, Long> versions = new HashMap<>();
        for (ViewProjection<?> projection : ExpectedViews.projections()) {
            for (Document view : database.getCollection(projection.collection())
                    .find().projection(Projections.include("version"))) {
                versions.put(String.valueOf(view.get("_id")), ((Number) view.get("version")).longValue());
            }
        }
        return versions;
    }

    /** Events of these streams, up to these versions, that no view has taken in yet. */
    public long eventsMissing(Map<String, Long> streamVersions) {
        Map<String, Long> views = viewVersions();
        long missing = 0;
        for (Map.Entry<String, Long> stream : streamVersions.entrySet()) {
            missing += Math.max(0, stream.getValue() - views.getOrDefault(stream.getKey(), 0L));
        }
        return missing;
    }

    /** Events taken into views: the sum of the views' versions. */
    public long eventsProjected() {
        return viewVersions().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        client.close();
    }
}
