package org.cqrsshop.query.cart.graphql;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.PositiveOrZero;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.graphql.auth.Caller;
import org.cqrsshop.graphql.auth.Roles;
import org.cqrsshop.query.cart.CartProjection;
import org.cqrsshop.query.change.ChangeSubscriptions;
import org.cqrsshop.query.graphql.Ids;
import org.cqrsshop.query.graphql.Subscriptions;
import org.cqrsshop.query.product.ProductViewRepository;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;

/** Cart changes as they reach the read model: a cart shared across a customer's devices. */
@GraphQLApi
public class CartSubscriptions {

    private final ChangeSubscriptions changes;
    private final ProductViewRepository products;
    private final Caller caller;

    public CartSubscriptions(ChangeSubscriptions changes, ProductViewRepository products, Caller caller) {
        this.changes = changes;
        this.products = products;
        this.caller = caller;
    }

    @Subscription
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    // Nullable: an ending error must travel as a result with null data, and a non-null field cannot carry one.
    @Description("The customer's cart at each version it reaches, in order, once the read model and the cache hold it;"
            + " its lines are priced at the catalogue's prices when the notification is sent.")
    public Multi<Cart> cartChanged(
            @Id @Description(Ids.CUSTOMER_ID) String customerId,
            @PositiveOrZero @Description(Subscriptions.AFTER_VERSION) Integer afterVersion) {
        return Multi.createFrom().deferred(() -> {
            CustomerId customer = new CustomerId(caller.actingFor(Ids.optionalUuid("customerId", customerId), "customerId"));
            String cartId = CartId.forCustomer(customer).toString();
            Long after = afterVersion == null ? null : afterVersion.longValue();
            return changes.entity(CartProjection.INSTANCE, cartId, after)
                    .onItem().transformToUniAndConcatenate(view -> products.byIds(Cart.productIds(view))
                            .map(current -> Cart.of(cartId, customer.toString(), view, current)));
        });
    }
}
