package org.cqrsshop.query.order.graphql;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Optional;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.change.ChangeSubscriptions;
import org.cqrsshop.query.graphql.Ids;
import org.cqrsshop.query.graphql.Subscriptions;
import org.cqrsshop.query.order.OrderProjection;
import org.cqrsshop.query.order.OrderView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;

/** Order status changes as they reach the read model: order tracking and back-office boards. */
@GraphQLApi
public class OrderSubscriptions {

    private final ChangeSubscriptions changes;

    public OrderSubscriptions(ChangeSubscriptions changes) {
        this.changes = changes;
    }

    @Subscription
    // Nullable: an ending error must travel as a result with null data, and a non-null field cannot carry one.
    @Description("Each status an order enters, in order, once the read model and the cache hold it. Give exactly one of"
            + " orderId (one order, resumable with afterVersion) or customerId (every order of the customer, including"
            + " new ones, from now on).")
    public Multi<OrderStatusChange> orderStatusChanged(
            @Id String orderId,
            @Id String customerId,
            @PositiveOrZero @Description(Subscriptions.AFTER_VERSION + " Needs an orderId.") Integer afterVersion) {
        return Multi.createFrom().deferred(() -> {
            if ((orderId == null) == (customerId == null)) {
                throw new InvalidInput("orderId", "give exactly one of orderId and customerId");
            }
            Multi<OrderView> states;
            if (orderId != null) {
                Long after = afterVersion == null ? null : afterVersion.longValue();
                states = changes.entity(OrderProjection.INSTANCE, Ids.uuid("orderId", orderId), after);
            } else {
                if (afterVersion != null) {
                    throw new InvalidInput("afterVersion", "needs an orderId: resuming is per order");
                }
                String customer = Ids.uuid("customerId", customerId);
                states = changes.all(OrderProjection.INSTANCE, change -> customer.equals(change.viewField("customerId")));
            }
            return states.map(OrderStatusChange::madeBy).filter(Optional::isPresent).map(Optional::get);
        });
    }
}
