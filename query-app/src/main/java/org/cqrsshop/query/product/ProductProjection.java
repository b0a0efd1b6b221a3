package org.cqrsshop.query.product;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.event.product.StockReleased;
import org.cqrsshop.common.event.product.StockReserved;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.projection.ViewProjection;

/** How product events change a product view. */
public final class ProductProjection implements ViewProjection<ProductView> {

    public static final ProductProjection INSTANCE = new ProductProjection();

    private ProductProjection() {}

    @Override
    public String streamType() {
        return EventTypes.PRODUCT_STREAM;
    }

    @Override
    public String collection() {
        return ProductView.COLLECTION;
    }

    @Override
    public Class<ProductView> viewType() {
        return ProductView.class;
    }

    /** Every product list is keyed on (deleted, sort field, _id); the lookups by SKU and category have their own. */
    @Override
    public List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("deleted", "name", "_id"), new IndexOptions().name("list_by_name")),
                new IndexModel(Indexes.ascending("deleted", "priceAmountMinor", "_id"),
                        new IndexOptions().name("list_by_price")),
                new IndexModel(Indexes.ascending("deleted", "createdAt", "_id"), new IndexOptions().name("list_by_created")),
                new IndexModel(Indexes.ascending("deleted", "updatedAt", "_id"), new IndexOptions().name("list_by_updated")),
                new IndexModel(Indexes.ascending("category", "deleted"), new IndexOptions().name("by_category")),
                new IndexModel(Indexes.ascending("sku"), new IndexOptions().name("by_sku")));
    }

    @Override
    public ProductView evolve(ProductView current, EventEnvelope envelope) {
        return evolve(current, (ProductEvent) envelope.event(), envelope);
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
