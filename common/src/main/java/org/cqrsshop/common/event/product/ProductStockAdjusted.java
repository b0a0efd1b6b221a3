package org.cqrsshop.common.event.product;

import java.util.Objects;
import org.cqrsshop.common.id.ProductId;

/** Stock was counted in or out by hand: a delivery, a stocktake correction, a breakage. */
public record ProductStockAdjusted(ProductId productId, int delta, int stockAfter, String reason)
        implements ProductEvent {

    public ProductStockAdjusted {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(reason, "reason");
        if (stockAfter < 0) {
            throw new IllegalArgumentException("stock never goes below zero");
        }
    }
}
