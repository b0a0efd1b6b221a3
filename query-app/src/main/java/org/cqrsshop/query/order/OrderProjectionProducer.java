package org.cqrsshop.query.order;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.cqrsshop.query.projection.ViewProjection;

/** Hands the order projection to the registry of views; the projection itself stays free of CDI. */
@Singleton
class OrderProjectionProducer {

    @Produces
    @Singleton
    ViewProjection<OrderView> orderProjection() {
        return OrderProjection.INSTANCE;
    }
}
