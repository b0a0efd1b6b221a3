package org.cqrsshop.common.event.product;

import java.util.Objects;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** A product entered the catalogue with its initial details and stock. */
public record ProductCreated(
        ProductId productId,
        String sku,
        String name,
        String description,
        Money price,
        String category,
        int stockQuantity) implements ProductEvent {

    public ProductCreated {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(category, "category");
    }
}
