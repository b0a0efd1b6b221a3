package org.cqrsshop.command.cart;

import org.cqrsshop.command.cart.CartCommand.AddToCart;
import org.cqrsshop.command.cart.CartCommand.CheckOut;
import org.cqrsshop.command.cart.CartCommand.ClearCart;
import org.cqrsshop.command.cart.CartCommand.RemoveFromCart;
import org.cqrsshop.command.decider.Decider;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductRejection;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.cart.CartCheckedOut;
import org.cqrsshop.common.event.cart.CartCleared;
import org.cqrsshop.common.event.cart.CartEvent;
import org.cqrsshop.common.event.cart.CartItemAdded;
import org.cqrsshop.common.event.cart.CartItemRemoved;
import org.cqrsshop.common.id.CartId;

/** The cart's rules, as pure functions. */
public final class CartDecider {

    public static final Decider<CartCommand, CartEvent, Cart> DECIDER =
            Decider.of(EventTypes.CART_STREAM, CartEvent.class, Cart.EMPTY, CartDecider::evolve, CartDecider::decide);

    private CartDecider() {}

    public static Decision<CartEvent> decide(CartCommand command, Cart cart) {
        CartId cartId = CartId.forCustomer(command.customerId());
        if (command instanceof AddToCart add) {
            if (add.product() instanceof Product.Unknown) {
                return Decision.reject(new ProductRejection.NotFound(add.productId()));
            }
            if (add.product() instanceof Product.Deleted) {
                return Decision.reject(new ProductRejection.AlreadyDeleted(add.productId()));
            }
            int line = cart.quantityOf(add.productId());
            if (line == 0 && cart.lines().size() >= CartCommand.MAX_LINES) {
                return Decision.reject(new CartRejection.TooManyLines(CartCommand.MAX_LINES));
            }
            if (line + add.quantity() > CartCommand.MAX_LINE_QUANTITY) {
                return Decision.reject(new CartRejection.LineLimitExceeded(add.productId(), CartCommand.MAX_LINE_QUANTITY));
            }
            return Decision.accept(new CartItemAdded(
                    cartId, add.customerId(), add.productId(), add.quantity(), line + add.quantity()));
        }
        if (command instanceof RemoveFromCart remove) {
            int line = cart.quantityOf(remove.productId());
            if (line == 0) {
                return Decision.reject(new CartRejection.ItemNotInCart(remove.productId()));
            }
            int removed = Math.min(line, remove.quantity().orElse(line));
            return Decision.accept(new CartItemRemoved(
                    cartId, remove.customerId(), remove.productId(), removed, line - removed));
        }
        if (command instanceof ClearCart clear) {
            return cart.isEmpty() ? Decision.accept() : Decision.accept(new CartCleared(cartId, clear.customerId()));
        }
        if (command instanceof CheckOut checkOut) {
            if (cart.isEmpty()) {
                return Decision.reject(new CartRejection.CartEmpty());
            }
            return Decision.accept(new CartCheckedOut(cartId, checkOut.customerId(), checkOut.orderId()));
        }
        throw new IllegalArgumentException("unhandled command " + command.getClass().getName());
    }

    public static Cart evolve(Cart cart, CartEvent event) {
        if (event instanceof CartItemAdded added) {
            return cart.withLine(added.productId(), added.lineQuantity());
        }
        if (event instanceof CartItemRemoved removed) {
            return cart.withLine(removed.productId(), removed.lineQuantity());
        }
        if (event instanceof CartCleared || event instanceof CartCheckedOut) {
            return Cart.EMPTY;
        }
        throw new IllegalArgumentException("unhandled event " + event.getClass().getName());
    }
}
