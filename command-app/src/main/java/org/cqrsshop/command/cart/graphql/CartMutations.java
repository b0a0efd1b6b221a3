package org.cqrsshop.command.cart.graphql;

import static org.cqrsshop.command.graphql.Inputs.build;
import static org.cqrsshop.command.graphql.Inputs.optionalUuid;
import static org.cqrsshop.command.graphql.Inputs.uuid;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import org.cqrsshop.command.cart.CartCommand.AddToCart;
import org.cqrsshop.command.cart.CartCommand.ClearCart;
import org.cqrsshop.command.cart.CartCommand.RemoveFromCart;
import org.cqrsshop.command.cart.application.CartCommands;
import org.cqrsshop.command.graphql.CommandResult;
import org.cqrsshop.command.graphql.RequestMetadata;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.graphql.auth.Caller;
import org.cqrsshop.graphql.auth.Roles;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * The cart commands, as GraphQL mutations. Each customer has one cart; its id is derived from
 * theirs. A customer acts on their own cart, an admin on the cart of the customer it names.
 */
@GraphQLApi
@RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
public class CartMutations {

    private final CartCommands carts;
    private final RequestMetadata request;
    private final Caller caller;

    public CartMutations(CartCommands carts, RequestMetadata request, Caller caller) {
        this.carts = carts;
        this.request = request;
        this.caller = caller;
    }

    @Mutation
    @NonNull
    @Description("Puts units of a product in the customer's cart. Fails with NOT_FOUND or PRODUCT_DELETED for a "
            + "product that cannot be sold.")
    public Uni<CommandResult> addToCart(@NotNull @Valid AddToCartInput input) {
        CustomerId customer = customer(input.customerId());
        ProductId product = new ProductId(uuid("input.productId", input.productId()));
        return carts.addToCart(request.request("addToCart", input, input.expectedVersion(), input.idempotencyKey()),
                        customer, product, state -> new AddToCart(customer, product, input.quantity(), state))
                .map(CommandResult::ofCart);
    }

    @Mutation
    @NonNull
    @Description("Takes units of a product out of the cart, or the whole line. Fails with ITEM_NOT_IN_CART.")
    public Uni<CommandResult> removeFromCart(@NotNull @Valid RemoveFromCartInput input) {
        CustomerId customer = customer(input.customerId());
        ProductId product = new ProductId(uuid("input.productId", input.productId()));
        RemoveFromCart command = build("input", () -> new RemoveFromCart(customer, product, Optional.ofNullable(input.quantity())));
        return carts.handle(request.request("removeFromCart", input, input.expectedVersion(), input.idempotencyKey()), command)
                .map(CommandResult::ofCart);
    }

    @Mutation
    @NonNull
    @Description("Empties the cart. An empty cart stays as it is.")
    public Uni<CommandResult> clearCart(@NotNull @Valid ClearCartInput input) {
        CustomerId customer = customer(input.customerId());
        return carts.handle(request.request("clearCart", input, input.expectedVersion(), input.idempotencyKey()),
                        new ClearCart(customer))
                .map(CommandResult::ofCart);
    }

    private CustomerId customer(String given) {
        return new CustomerId(caller.actingFor(optionalUuid("input.customerId", given), "input.customerId"));
    }
}
