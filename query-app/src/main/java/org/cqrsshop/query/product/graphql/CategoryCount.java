package org.cqrsshop.query.product.graphql;

import org.cqrsshop.query.product.ProductsInCategory;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CategoryCount")
@Description("A category and how many products that are not deleted it holds.")
public record CategoryCount(@NonNull String category, int productCount) {

    static CategoryCount of(ProductsInCategory counted) {
        return new CategoryCount(counted.category(), counted.productCount());
    }
}
