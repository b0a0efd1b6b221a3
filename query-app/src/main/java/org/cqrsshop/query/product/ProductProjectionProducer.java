package org.cqrsshop.query.product;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.cqrsshop.query.projection.ViewProjection;

/** Hands the product projection to the registry of views; the projection itself stays free of CDI. */
@Singleton
class ProductProjectionProducer {

    @Produces
    @Singleton
    ViewProjection<ProductView> productProjection() {
        return ProductProjection.INSTANCE;
    }
}
