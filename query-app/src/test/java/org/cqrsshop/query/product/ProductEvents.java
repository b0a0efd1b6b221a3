package org.cqrsshop.query.product;

import java.time.Instant;
import java.util.UUID;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/** Product events as the relay would publish them. */
public final class ProductEvents {

    public static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    private ProductEvents() {}

    public static EventEnvelope created(ProductId id, String name) {
        return envelope(1, new ProductCreated(id, "SKU-" + id.value().toString().substring(0, 8), name, "desc",
                Money.of(1299, "EUR"), "kitchen", 7));
    }

    public static EventEnvelope renamed(ProductId id, long version, String name) {
        return envelope(version, new ProductUpdated(id, "SKU-" + id.value().toString().substring(0, 8), name, "desc",
                Money.of(1499, "EUR"), "kitchen"));
    }

    public static EventEnvelope deleted(ProductId id, long version) {
        return envelope(version, new ProductDeleted(id, "SKU"));
    }

    public static EventEnvelope envelope(long version, ProductEvent event) {
        return new EventEnvelope(UUID.randomUUID(), event.productId().value(), EventTypes.PRODUCT_STREAM, version,
                1000 + version, T0.plusSeconds(version), UUID.randomUUID(), UUID.randomUUID(), null, event);
    }
}
