package org.cqrsshop.query.cart.graphql;

import org.cqrsshop.query.graphql.MoneyAmount;
import org.cqrsshop.query.product.graphql.Product;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CartLine")
@Description("Units of one product in a cart.")
public record CartLine(
        @NonNull @Id String productId,
        int quantity,
        @Description("The product as the catalogue shows it now; null if the read model does not know it (yet)")
        Product product,
        @Description("The product's current price times quantity; null when the product is unknown")
        MoneyAmount lineTotal) {}
