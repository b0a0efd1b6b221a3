package org.cqrsshop.query.product.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ProductSortField")
@Description("What a product list is ordered by. Products that tie are ordered by id, in the same direction.")
public enum ProductSortField {
    NAME,
    @Description("Price in minor units, whatever the currency: filter on one currency for a meaningful order")
    PRICE,
    CREATED,
    UPDATED
}
