package org.cqrsshop.query.product;

import java.util.List;

/** One products page as read from MongoDB: one more item than asked for tells whether another follows. */
public record ProductPage(List<ProductView> items, long totalCount) {}
