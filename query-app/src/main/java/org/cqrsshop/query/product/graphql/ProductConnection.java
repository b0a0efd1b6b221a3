package org.cqrsshop.query.product.graphql;

import java.util.List;
import org.cqrsshop.query.graphql.PageInfo;
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
}
