package org.cqrsshop.common.event.product;

import java.util.Objects;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/**
 * A product's catalogue details changed. The event carries every detail after the change, not a
 * diff, so a projection never needs the previous state to apply it. Stock is not a detail: it
 * changes through its own events.
 */
public record ProductUpdated(
        ProductId productId,
        String sku,
        String name,
        String description,
        Money price,
        String category) implements ProductEvent {

    public ProductUpdated {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(category, "category");
    }
}
