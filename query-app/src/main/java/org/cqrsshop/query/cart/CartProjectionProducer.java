package org.cqrsshop.query.cart;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.cqrsshop.query.projection.ViewProjection;

/** Hands the cart projection to the registry of views; the projection itself stays free of CDI. */
@Singleton
class CartProjectionProducer {

    @Produces
    @Singleton
    ViewProjection<CartView> cartProjection() {
        return CartProjection.INSTANCE;
    }
}
