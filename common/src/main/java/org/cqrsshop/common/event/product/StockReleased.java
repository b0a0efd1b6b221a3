package org.cqrsshop.common.event.product;

import java.util.Objects;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;

/** An order no longer needs its reserved units (it was cancelled); they are available again. */
public record StockReleased(ProductId productId, OrderId orderId, int quantity, int stockAfter)
        implements ProductEvent {

    public StockReleased {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(orderId, "orderId");
        if (quantity <= 0) {
            throw new IllegalArgumentException("a release gives back a positive quantity");
        }
    }
}
