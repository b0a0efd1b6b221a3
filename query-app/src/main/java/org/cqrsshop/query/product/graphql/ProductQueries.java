package org.cqrsshop.query.product.graphql;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.graphql.Cursor;
import org.cqrsshop.query.graphql.PageInfo;
import org.cqrsshop.query.graphql.ViewNotFound;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Product reads, served from the MongoDB read model. */
@GraphQLApi
public class ProductQueries {

    static final int MAX_PAGE_SIZE = 100;

    private final ProductViewRepository views;

    public ProductQueries(ProductViewRepository views) {
        this.views = views;
    }

    @Query
    @Description("One product by id, deleted or not. Fails with NOT_FOUND if the read model has never seen it.")
    public Uni<Product> product(@NotNull @Id String id) {
        String productId = uuid("id", id);
        return views.findById(productId)
                .onItem().ifNull().failWith(() -> new ViewNotFound("product", productId))
                .map(Product::of);
    }

    @Query
    @NonNull
    @Description("Products that are not deleted, by name, a page at a time (at most 100 per page).")
    public Uni<ProductConnection> products(
            @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int first,
            @Description("The endCursor of the previous page") String after) {
        Document filter = new Document("deleted", false);
        Document page = new Document(filter);
        if (after != null) {
            List<String> key = Cursor.decode("after", after, 2);
            page.append("$or", List.of(
                    new Document("name", new Document("$gt", key.get(0))),
                    new Document("name", key.get(0)).append("_id", new Document("$gt", key.get(1)))));
        }
        Document byNameThenId = new Document("name", 1).append("_id", 1);
        // One more than asked tells whether another page follows.
        Uni<List<ProductView>> items = views.find(page, byNameThenId).range(0, first).list();
        Uni<Long> total = views.count(filter);
        return Uni.combine().all().unis(items, total).with((found, count) -> connection(found, first, count));
    }

    private static ProductConnection connection(List<ProductView> found, int first, long totalCount) {
        List<ProductConnection.ProductEdge> edges = new ArrayList<>();
        for (ProductView view : found.subList(0, Math.min(first, found.size()))) {
            edges.add(new ProductConnection.ProductEdge(Cursor.encode(List.of(view.name, view.id)), Product.of(view)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new ProductConnection(edges, new PageInfo(found.size() > first, endCursor), Math.toIntExact(totalCount));
    }

    private static String uuid(String field, String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "must be a UUID");
        }
    }
}
