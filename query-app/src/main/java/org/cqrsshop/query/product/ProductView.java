package org.cqrsshop.query.product;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.cqrsshop.query.projection.StreamView;

/** The read model of one product, as stored in MongoDB. */
@MongoEntity(collection = ProductView.COLLECTION)
public class ProductView extends StreamView {

    public static final String COLLECTION = "products";

    public String sku;
    public String name;
    public String description;
    public String category;
    public long priceAmountMinor;
    public String priceCurrency;
    public int stockQuantity;
    public boolean deleted;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant deletedAt;

    public ProductView copy() {
        ProductView copy = new ProductView();
        copy.id = id;
        copy.sku = sku;
        copy.name = name;
        copy.description = description;
        copy.category = category;
        copy.priceAmountMinor = priceAmountMinor;
        copy.priceCurrency = priceCurrency;
        copy.stockQuantity = stockQuantity;
        copy.deleted = deleted;
        copy.version = version;
        copy.lastPosition = lastPosition;
        copy.createdAt = createdAt;
        copy.updatedAt = updatedAt;
        copy.deletedAt = deletedAt;
        return copy;
    }
}
