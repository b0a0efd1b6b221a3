package org.cqrsshop.query.cart;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CartViewRepository implements ReactivePanacheMongoRepositoryBase<CartView, String> {}
