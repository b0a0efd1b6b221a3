package org.cqrsshop.query.product;

import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductUpdated;

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
            view.sku = created.sku();
            view.name = created.name();
            view.description = created.description();
            view.category = created.category();
            view.priceAmountMinor = created.price().amountMinor();
            view.priceCurrency = created.price().currency().value();
            view.stockQuantity = created.stockQuantity();
            view.createdAt = envelope.occurredAt();
            view.updatedAt = envelope.occurredAt();
            return view;
        }
        // Version 1 is always ProductCreated, so past this point there is a view to change.
        ProductView view = current.copy();
        view.updatedAt = envelope.occurredAt();
        if (event instanceof ProductUpdated updated) {
            view.sku = updated.sku();
            view.name = updated.name();
            view.description = updated.description();
            view.category = updated.category();
            view.priceAmountMinor = updated.price().amountMinor();
            view.priceCurrency = updated.price().currency().value();
            return view;
        }
        if (event instanceof ProductDeleted) {
            view.deleted = true;
            view.deletedAt = envelope.occurredAt();
            return view;
        }
        throw new IllegalArgumentException("unhandled product event " + event.getClass().getName());
    }
}
