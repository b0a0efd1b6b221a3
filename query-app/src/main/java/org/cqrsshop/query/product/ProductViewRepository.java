package org.cqrsshop.query.product;

import static java.util.stream.Collectors.toMap;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bson.Document;
import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.paging.Cursor.Position;

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

    /**
     * One page of the products that meet the criteria, with one more item than asked for, which
     * tells whether another page follows, and how many match in all.
     *
     * @param after where the page starts; {@code null} for the first page
     */
    public Uni<ProductPage> page(ProductCriteria criteria, Keyset<ProductView> keyset, Position after, int size) {
        Document matching = filter(criteria);
        Uni<List<ProductView>> items = find(keyset.page(matching, after), keyset.sort()).range(0, size).list();
        Uni<Long> total = count(matching);
        return Uni.combine().all().unis(items, total).with(ProductPage::new);
    }

    /** The live product with this SKU, in any letter case; SKUs are unique among them without regard to case. */
    public Uni<ProductView> liveBySku(String sku) {
        Document sameSku = new Document("sku", new Document("$regex", "^" + Pattern.quote(sku) + "$").append("$options", "i"))
                .append("deleted", false);
        return find(sameSku).firstResult();
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

    static Document filter(ProductCriteria criteria) {
        List<Document> conditions = new ArrayList<>();
        if (!criteria.includeDeleted()) {
            conditions.add(new Document("deleted", false));
        }
        if (criteria.category() != null) {
            conditions.add(new Document("category", criteria.category()));
        }
        if (criteria.minPriceMinor() != null) {
            conditions.add(new Document("priceAmountMinor", new Document("$gte", criteria.minPriceMinor())));
        }
        if (criteria.maxPriceMinor() != null) {
            conditions.add(new Document("priceAmountMinor", new Document("$lte", criteria.maxPriceMinor())));
        }
        if (criteria.currency() != null) {
            conditions.add(new Document("priceCurrency", criteria.currency()));
        }
        if (criteria.inStock() != null) {
            conditions.add(new Document("stockQuantity", criteria.inStock() ? new Document("$gt", 0) : 0));
        }
        if (criteria.search() != null && !criteria.search().isEmpty()) {
            // Quoted, so that a client's text never runs as a pattern of its own.
            Document containsSearch = new Document("$regex", Pattern.quote(criteria.search())).append("$options", "i");
            conditions.add(new Document("$or", List.of(
                    new Document("name", containsSearch),
                    new Document("sku", containsSearch),
                    new Document("description", containsSearch))));
        }
        return switch (conditions.size()) {
            case 0 -> new Document();
            case 1 -> conditions.get(0);
            default -> new Document("$and", conditions);
        };
    }
}
