package org.cqrsshop.query.order;

import java.util.List;

/** One orders page as read from MongoDB: one more item than asked for tells whether another follows. */
public record OrderPage(List<OrderView> items, long totalCount) {}
