package org.cqrsshop.query.order.graphql;

import java.time.Instant;
import java.util.List;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.graphql.Ids;
import org.cqrsshop.query.order.OrderCriteria;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("OrderFilter")
@Description("Conditions an order must all meet. Leave out the ones you do not need.")
public record OrderFilter(
        // A default, because SmallRye makes a list of non-null elements required.
        @DefaultValue("[]") @Description("Orders in any of these statuses; empty means every status")
        List<@NonNull OrderStatus> statuses,
        @Id @Description("Only this customer's orders") String customerId,
        @Description("Placed at or after this instant") Instant placedFrom,
        @Description("Placed before this instant") Instant placedTo) {

    /**
     * The conditions, checked.
     *
     * @throws InvalidInput for a customer id that is not a UUID or a time range that ends before it starts
     */
    OrderCriteria criteria() {
        String customer = customerId == null ? null : customer();
        if (placedFrom != null && placedTo != null && placedFrom.isAfter(placedTo)) {
            throw new InvalidInput("filter.placedTo", "must not be before placedFrom");
        }
        return new OrderCriteria(statuses, customer, placedFrom, placedTo);
    }

    private String customer() {
        return Ids.uuid("filter.customerId", customerId);
    }
}
