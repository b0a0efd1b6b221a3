package org.cqrsshop.query.product;

import static java.util.stream.Collectors.toMap;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;

@ApplicationScoped
public class ProductViewRepository implements ReactivePanacheMongoRepositoryBase<ProductView, String> {

    /** The products of these ids that exist, by id, in one query however many there are. */
    public Uni<Map<String, ProductView>> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find(new Document("_id", new Document("$in", ids))).list()
                .map(found -> found.stream().collect(toMap(view -> view.id, Function.identity())));
    }

    /** Every category that holds a live product, by name. */
    public Uni<List<ProductsInCategory>> countPerCategory() {
        List<Document> countPerCategory = List.of(
                new Document("$match", new Document("deleted", false)),
                new Document("$group", new Document("_id", "$category").append("productCount", new Document("$sum", 1))),
                new Document("$sort", new Document("_id", 1)));
        return mongoCollection().aggregate(countPerCategory, Document.class)
                .map(group -> new ProductsInCategory(group.getString("_id"),
                        group.get("productCount", Number.class).intValue()))
                .collect().asList();
    }
}
