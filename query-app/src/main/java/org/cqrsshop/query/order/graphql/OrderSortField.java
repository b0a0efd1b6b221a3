package org.cqrsshop.query.order.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("OrderSortField")
@Description("What an order list is ordered by. Orders that tie are ordered by id, in the same direction.")
public enum OrderSortField {
    @Description("When the order was placed")
    PLACED,
    @Description("The total in minor units, whatever the currency")
    TOTAL
}
