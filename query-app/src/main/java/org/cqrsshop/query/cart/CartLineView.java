package org.cqrsshop.query.cart;

/** One product in a cart. Prices are not kept: the cart shows the catalogue's current ones. */
public class CartLineView {

    public String productId;
    public int quantity;

    public CartLineView() {}

    public CartLineView(String productId, int quantity) {
        this.productId = productId;
        this.quantity = quantity;
    }

    CartLineView copy() {
        return new CartLineView(productId, quantity);
    }
}
