package org.cqrsshop.common.event.product;

import java.util.Objects;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;

/** Units were set aside for an order; they are no longer available to anyone else. */
public record StockReserved(ProductId productId, OrderId orderId, int quantity, int stockAfter)
        implements ProductEvent {

    public StockReserved {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(orderId, "orderId");
        if (quantity <= 0 || stockAfter < 0) {
            throw new IllegalArgumentException("a reservation takes a positive quantity and leaves stock at zero or more");
        }
    }
}
