package org.cqrsshop.command.product;

import org.cqrsshop.common.id.ProductId;

/** The states a product stream can be in. */
public sealed interface Product {

    /** No event yet: the id is free. */
    record Unknown() implements Product {}

    /**
     * A product on sale.
     *
     * @param stock units available to new orders; reserved units are already taken off
     */
    record Active(ProductId id, ProductDetails details, int stock) implements Product {}

    /** Deleted products keep their stream for history and refuse every command. */
    record Deleted(ProductId id, String sku) implements Product {}
}
