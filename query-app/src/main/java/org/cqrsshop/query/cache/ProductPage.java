package org.cqrsshop.query.cache;

import java.util.List;
import org.cqrsshop.query.product.ProductView;

/** One products page as read from MongoDB: one more item than asked for tells whether another follows. */
public record ProductPage(List<ProductView> items, long totalCount) {}
