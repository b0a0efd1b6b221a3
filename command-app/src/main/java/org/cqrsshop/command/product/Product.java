package org.cqrsshop.command.product;

import org.cqrsshop.common.id.ProductId;

/** The states a product stream can be in. */
public sealed interface Product {

    /** No event yet: the id is free. */
    record Unknown() implements Product {}

    record Active(ProductId id, ProductDetails details, int stockQuantity) implements Product {}

    /** Deleted products keep their stream for history and refuse every command. */
    record Deleted(ProductId id) implements Product {}
}
