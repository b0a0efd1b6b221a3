package org.cqrsshop.query.product;

import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.event.product.StockReleased;
import org.cqrsshop.common.event.product.StockReserved;
import org.cqrsshop.common.money.Money;

/**
 * How product events change a product view: a pure function, so that ordering, duplicates and
 * gaps are decided in one place and tested without a database.
 */
public final class ProductProjection {

    private ProductProjection() {}

    /** @param current the stored view, or {@code null} when there is none yet */
    public static ProjectionStep apply(ProductView current, EventEnvelope envelope) {
        long viewVersion = current == null ? 0 : current.version;
        long eventVersion = envelope.streamVersion();
        if (eventVersion <= viewVersion) {
            return new ProjectionStep.AlreadyApplied(viewVersion);
        }
        if (eventVersion > viewVersion + 1) {
            return new ProjectionStep.Gap(viewVersion + 1, eventVersion);
        }
        ProductView next = evolve(current, (ProductEvent) envelope.event(), envelope);
        next.version = eventVersion;
        next.lastPosition = envelope.globalPosition();
        return new ProjectionStep.Apply(next, viewVersion);
    }

    private static ProductView evolve(ProductView current, ProductEvent event, EventEnvelope envelope) {
        if (event instanceof ProductCreated created) {
            ProductView view = new ProductView();
            view.id = created.productId().toString();
            setDetails(view, created.sku(), created.name(), created.description(), created.category(), created.price());
            view.stockQuantity = created.initialStock();
            view.createdAt = envelope.occurredAt();
            view.updatedAt = envelope.occurredAt();
            return view;
        }
        // Version 1 is always ProductCreated, so past this point there is a view to change.
        ProductView view = current.copy();
        view.updatedAt = envelope.occurredAt();
        if (event instanceof ProductUpdated updated) {
            setDetails(view, updated.sku(), updated.name(), updated.description(), updated.category(), updated.price());
            return view;
        }
        if (event instanceof ProductStockAdjusted adjusted) {
            view.stockQuantity = adjusted.stockAfter();
            return view;
        }
        if (event instanceof StockReserved reserved) {
            view.stockQuantity = reserved.stockAfter();
            return view;
        }
        if (event instanceof StockReleased released) {
            view.stockQuantity = released.stockAfter();
            return view;
        }
        if (event instanceof ProductDeleted) {
            view.deleted = true;
            view.deletedAt = envelope.occurredAt();
            return view;
        }
        throw new IllegalArgumentException("unhandled product event " + event.getClass().getName());
    }

    private static void setDetails(
            ProductView view, String sku, String name, String description, String category, Money price) {
        view.sku = sku;
        view.name = name;
        view.description = description;
        view.category = category;
        view.priceAmountMinor = price.amountMinor();
        view.priceCurrency = price.currency().value();
    }
}
