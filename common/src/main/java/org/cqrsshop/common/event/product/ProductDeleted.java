package org.cqrsshop.common.event.product;

import java.util.Objects;
import org.cqrsshop.common.id.ProductId;

/**
 * A product left the catalogue. Deletion is soft: the stream stays, and the product rejects every
 * later command. The SKU is carried so that whoever indexes SKUs can free it without a lookup.
 */
public record ProductDeleted(ProductId productId, String sku) implements ProductEvent {

    public ProductDeleted {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(sku, "sku");
    }
}
