package org.cqrsshop.query.cart;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.cart.CartCheckedOut;
import org.cqrsshop.common.event.cart.CartCleared;
import org.cqrsshop.common.event.cart.CartEvent;
import org.cqrsshop.common.event.cart.CartItemAdded;
import org.cqrsshop.common.event.cart.CartItemRemoved;
import org.cqrsshop.query.projection.ViewProjection;

/** How cart events change a cart view. */
public final class CartProjection implements ViewProjection<CartView> {

    public static final CartProjection INSTANCE = new CartProjection();

    private CartProjection() {}

    @Override
    public String streamType() {
        return EventTypes.CART_STREAM;
    }

    @Override
    public String collection() {
        return CartView.COLLECTION;
    }

    @Override
    public Class<CartView> viewType() {
        return CartView.class;
    }

    @Override
    public List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("customerId"), new IndexOptions().name("by_customer")));
    }

    @Override
    public CartView evolve(CartView current, EventEnvelope envelope) {
        CartEvent event = (CartEvent) envelope.event();
        CartView cart = current == null ? newCart(event, envelope) : current.copy();
        cart.updatedAt = envelope.occurredAt();
        if (event instanceof CartItemAdded added) {
            setLine(cart, added.productId().toString(), added.lineQuantity());
        } else if (event instanceof CartItemRemoved removed) {
            setLine(cart, removed.productId().toString(), removed.lineQuantity());
        } else if (event instanceof CartCleared) {
            cart.lines.clear();
        } else if (event instanceof CartCheckedOut checkedOut) {
            cart.lines.clear();
            cart.lastOrderId = checkedOut.orderId().toString();
        } else {
            throw new IllegalArgumentException("unhandled cart event " + event.getClass().getName());
        }
        cart.itemCount = cart.lines.stream().mapToInt(line -> line.quantity).sum();
        return cart;
    }

    private static CartView newCart(CartEvent event, EventEnvelope envelope) {
        CartView cart = new CartView();
        cart.customerId = event.customerId().toString();
        cart.createdAt = envelope.occurredAt();
        return cart;
    }

    /** Events carry the line's quantity afterwards, so a line is set, never summed: 0 removes it. */
    private static void setLine(CartView cart, String productId, int quantity) {
        for (int i = 0; i < cart.lines.size(); i++) {
            if (cart.lines.get(i).productId.equals(productId)) {
                if (quantity == 0) {
                    cart.lines.remove(i);
                } else {
                    cart.lines.get(i).quantity = quantity;
                }
                return;
            }
        }
        if (quantity > 0) {
            cart.lines.add(new CartLineView(productId, quantity));
        }
    }
}
