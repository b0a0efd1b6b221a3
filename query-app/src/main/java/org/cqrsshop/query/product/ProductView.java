package org.cqrsshop.query.product;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * The read model of one product, as stored in MongoDB. {@code version} is the stream version of
 * the last event applied: it guards every write, so a redelivered event changes nothing.
 */
@MongoEntity(collection = "products")
public class ProductView {

    @BsonId
    public String id;
    public String sku;
    public String name;
    public String description;
    public String category;
    public long priceAmountMinor;
    public String priceCurrency;
    public int stockQuantity;
    public boolean deleted;
    public long version;
    /** Global position of the last event applied, for tracing a view back to the store. */
    public long lastPosition;
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
