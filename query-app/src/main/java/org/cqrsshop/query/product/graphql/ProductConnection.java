package org.cqrsshop.query.product.graphql;

import java.util.List;
import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.graphql.PageInfo;
import org.cqrsshop.query.product.ProductView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ProductConnection")
@Description("One page of products.")
public record ProductConnection(
        @NonNull List<@NonNull ProductEdge> edges,
        @NonNull PageInfo pageInfo,
        @Description("All products that match, across every page") int totalCount) {

    @Type("ProductEdge")
    public record ProductEdge(@NonNull String cursor, @NonNull Product node) {}

    /** @param found up to {@code first + 1} products; the extra one only says that another page follows */
    static ProductConnection of(List<ProductView> found, int first, Keyset<ProductView> keyset, long totalCount) {
        List<ProductEdge> edges = found.stream().limit(first)
                .map(view -> new ProductEdge(keyset.cursorOf(view), Product.of(view)))
                .toList();
        return new ProductConnection(edges, PageInfo.of(edges.stream().map(ProductEdge::cursor).toList(), found.size() > first),
                Math.toIntExact(totalCount));
    }
}
