package org.cqrsshop.query.projection;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.quarkus.mongodb.reactive.ReactiveMongoDatabase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every projection, and the MongoDB collections their views live in: the live ones that queries
 * read, and the ones a rebuild fills before it swaps them in.
 */
@ApplicationScoped
public class ViewCollections {

    /** Documents about the read model as a whole: the applied position, the last rebuild. */
    public static final String STATE_COLLECTION = "read_model_state";

    private final ReactiveMongoDatabase database;
    private final ReactiveMongoDatabase admin;
    private final String databaseName;
    private final ViewProjectionRegistry projections;

    public ViewCollections(ReactiveMongoClient client, ViewProjectionRegistry projections,
            @ConfigProperty(name = "quarkus.mongodb.database") String databaseName) {
        this.projections = projections;
        this.database = client.getDatabase(databaseName);
        this.admin = client.getDatabase("admin");
        this.databaseName = databaseName;
    }

    /** Every projection, each with its own collection. */
    public List<ViewProjection<?>> projections() {
        return projections.all();
    }

    public ReactiveMongoDatabase database() {
        return database;
    }

    /** For commands MongoDB only takes there, such as renameCollection. */
    public ReactiveMongoDatabase adminDatabase() {
        return admin;
    }

    public String databaseName() {
        return databaseName;
    }

    public <V extends StreamView> ReactiveMongoCollection<V> live(ViewProjection<V> projection) {
        return database.getCollection(projection.collection(), projection.viewType());
    }

    public <V extends StreamView> ReactiveMongoCollection<V> named(ViewProjection<V> projection, String collection) {
        return database.getCollection(collection, projection.viewType());
    }

    /** Creates the projection's indexes on a collection; creating an existing index changes nothing. */
    public Uni<Void> createIndexes(ViewProjection<?> projection, String collection) {
        if (projection.indexes().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.getCollection(collection, Document.class).createIndexes(projection.indexes())
                .replaceWithVoid();
    }

    public Uni<Void> createLiveIndexes() {
        return Multi.createFrom().iterable(projections.all())
                .onItem().transformToUniAndConcatenate(projection -> createIndexes(projection, projection.collection()))
                .collect().last().replaceWithVoid();
    }
}
