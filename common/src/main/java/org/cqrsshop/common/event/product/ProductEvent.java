package org.cqrsshop.common.event.product;

import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.id.ProductId;

/** Everything that can happen to a product. */
public sealed interface ProductEvent extends DomainEvent
        permits ProductCreated, ProductUpdated, ProductDeleted, ProductStockAdjusted, StockReserved, StockReleased {

    ProductId productId();
}
