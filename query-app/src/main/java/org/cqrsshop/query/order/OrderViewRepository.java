package org.cqrsshop.query.order;

import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OrderViewRepository implements ReactivePanacheMongoRepositoryBase<OrderView, String> {}
