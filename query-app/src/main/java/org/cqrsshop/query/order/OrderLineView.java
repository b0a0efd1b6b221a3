package org.cqrsshop.query.order;

/**
 * One line of an order, as priced when it was placed. Never changed after placement, so copies
 * of an order view may share it.
 */
public class OrderLineView {

    public String productId;
    public String sku;
    public String name;
    public int quantity;
    public long unitPriceMinor;
    public long lineTotalMinor;
}
