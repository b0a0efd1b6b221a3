package org.cqrsshop.query.product;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ProductViewRepository implements ReactivePanacheMongoRepositoryBase<ProductView, String> {}
