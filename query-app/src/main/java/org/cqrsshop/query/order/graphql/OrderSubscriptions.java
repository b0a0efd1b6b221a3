package org.cqrsshop.query.order.graphql;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.cqrsshop.graphql.auth.Caller;
import org.cqrsshop.graphql.auth.Roles;
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
    private final Caller caller;

    public OrderSubscriptions(ChangeSubscriptions changes, Caller caller) {
        this.changes = changes;
        this.caller = caller;
    }

    @Subscription
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    // Nullable: an ending error must travel as a result with null data, and a non-null field cannot carry one.
    @Description("Each status an order enters, in order, once the read model and the cache hold it. Give exactly one of"
            + " orderId (one order, resumable with afterVersion) or customerId (every order of the customer, including"
            + " new ones, from now on). A customer may follow only their own orders, and may leave customerId out.")
    public Multi<OrderStatusChange> orderStatusChanged(
            @Id String orderId,
            @Id @Description(Ids.CUSTOMER_ID) String customerId,
            @PositiveOrZero @Description(Subscriptions.AFTER_VERSION + " Needs an orderId.") Integer afterVersion) {
        return Multi.createFrom().deferred(() -> {
            if (orderId != null && customerId != null) {
                throw new InvalidInput("orderId", "give exactly one of orderId and customerId");
            }
            Multi<OrderView> states;
            if (orderId != null) {
                Long after = afterVersion == null ? null : afterVersion.longValue();
                Consumer<UUID> ownerCheck = caller.ownerCheck();
                // Every state is checked, the history a resumption replays included.
                states = changes.entity(OrderProjection.INSTANCE, Ids.uuid("orderId", orderId), after)
                        .invoke(view -> ownerCheck.accept(UUID.fromString(view.customerId)));
            } else {
                if (afterVersion != null) {
                    throw new InvalidInput("afterVersion", "needs an orderId: resuming is per order");
                }
                String customer = caller.actingFor(Ids.optionalUuid("customerId", customerId), "customerId").toString();
                states = changes.all(OrderProjection.INSTANCE, change -> customer.equals(change.viewField("customerId")));
            }
            return states.map(OrderStatusChange::madeBy).filter(Optional::isPresent).map(Optional::get);
        });
    }
}
