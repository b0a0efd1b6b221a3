package org.cqrsshop.query.order.graphql;

import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.paging.Cursor.ValueType;
import org.cqrsshop.query.order.OrderView;
import org.cqrsshop.query.graphql.SortDirection;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("OrderSort")
@Description("The order of an order list, by default newest first. A page cursor only works with the sort it was"
        + " issued for.")
public record OrderSort(
        @DefaultValue("PLACED") OrderSortField field,
        @DefaultValue("DESC") SortDirection direction) {

    static final OrderSort DEFAULT = new OrderSort(OrderSortField.PLACED, SortDirection.DESC);

    /** An explicit null means the default, as leaving the field out does. */
    public OrderSort {
        field = field == null ? DEFAULT.field : field;
        direction = direction == null ? DEFAULT.direction : direction;
    }

    Keyset<OrderView> keyset() {
        String name = "orders:" + field + ":" + direction;
        boolean descending = direction == SortDirection.DESC;
        return switch (field) {
            case PLACED -> new Keyset<>(name, "placedAt", ValueType.TIMESTAMP, descending, view -> view.placedAt);
            case TOTAL -> new Keyset<>(name, "totalMinor", ValueType.WHOLE_NUMBER, descending, view -> view.totalMinor);
        };
    }
}
