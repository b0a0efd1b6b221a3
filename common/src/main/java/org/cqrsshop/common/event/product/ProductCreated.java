package org.cqrsshop.common.event.product;

import java.util.Objects;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/**
 * A product entered the catalogue with its initial details and stock.
 *
 * <p>Schema version 2 renamed {@code stockQuantity} to {@code initialStock}: stock now also moves
 * through adjustments and reservations, so the field only ever held the opening figure. Stored
 * version 1 payloads are upcast on read.
 */
public record ProductCreated(
        ProductId productId,
        String sku,
        String name,
        String description,
        Money price,
        String category,
        int initialStock) implements ProductEvent {

    public ProductCreated {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(category, "category");
        if (initialStock < 0) {
            throw new IllegalArgumentException("initialStock must not be negative");
        }
    }
}
