package org.cqrsshop.query.cache;

import java.util.Map;
import org.cqrsshop.query.cart.CartView;
import org.cqrsshop.query.product.ProductView;

/**
 * A cart with the products it holds, as read from MongoDB.
 *
 * @param cart {@code null} for a customer who never used the cart
 */
public record CachedCart(CartView cart, Map<String, ProductView> products) {}
