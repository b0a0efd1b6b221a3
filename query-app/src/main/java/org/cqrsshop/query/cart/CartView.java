package org.cqrsshop.query.cart;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cqrsshop.query.projection.StreamView;

/** A customer's cart as stored in MongoDB: product lines in the order they were first added. */
@MongoEntity(collection = CartView.COLLECTION)
public class CartView extends StreamView {

    public static final String COLLECTION = "carts";

    public String customerId;
    public List<CartLineView> lines = new ArrayList<>();
    /** Units over all lines. */
    public int itemCount;
    /** The order the cart last became, if any. */
    public String lastOrderId;
    public Instant createdAt;
    public Instant updatedAt;

    public CartView copy() {
        CartView copy = new CartView();
        copy.id = id;
        copy.version = version;
        copy.lastPosition = lastPosition;
        copy.customerId = customerId;
        copy.lines = new ArrayList<>(lines.stream().map(CartLineView::copy).toList());
        copy.itemCount = itemCount;
        copy.lastOrderId = lastOrderId;
        copy.createdAt = createdAt;
        copy.updatedAt = updatedAt;
        return copy;
    }
}
