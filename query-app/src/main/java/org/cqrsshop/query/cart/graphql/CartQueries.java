package org.cqrsshop.query.cart.graphql;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.UUID;
import java.util.function.Consumer;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.graphql.auth.Caller;
import org.cqrsshop.graphql.auth.Roles;
import org.cqrsshop.query.cache.CachedCart;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.cart.CartView;
import org.cqrsshop.query.cart.CartViewRepository;
import org.cqrsshop.query.freshness.VersionWait;
import org.cqrsshop.query.graphql.Ids;
import org.cqrsshop.query.graphql.ViewNotFound;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.query.product.graphql.ProductQueries;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Cart reads, served from the MongoDB read model and priced from the product views, through the cache of hot reads. */
@GraphQLApi
public class CartQueries {

    private final CartViewRepository carts;
    private final ProductViewRepository products;
    private final VersionWait freshness;
    private final ViewCache cache;
    private final Caller caller;

    public CartQueries(
            CartViewRepository carts, ProductViewRepository products, VersionWait freshness, ViewCache cache, Caller caller) {
        this.carts = carts;
        this.products = products;
        this.freshness = freshness;
        this.cache = cache;
        this.caller = caller;
    }

    @Query
    @NonNull
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Description("The customer's cart with its products at current prices. Never NOT_FOUND: a customer who never"
            + " used the cart has an empty one.")
    public Uni<Cart> cart(
            @Id @Description(Ids.CUSTOMER_ID) String customerId,
            @PositiveOrZero @Description(ProductQueries.MIN_VERSION) Integer minVersion) {
        CustomerId customer = new CustomerId(caller.actingFor(Ids.optionalUuid("customerId", customerId), "customerId"));
        String cartId = CartId.forCustomer(customer).toString();
        Long wanted = minVersion == null ? null : minVersion.longValue();
        return cache.cart(cartId, wanted, () -> freshness.atLeast("cart", cartId, wanted, () -> carts.findById(cartId))
                        .chain(view -> products.byIds(Cart.productIds(view)).map(current -> new CachedCart(view, current))))
                .map(found -> Cart.of(cartId, customer.toString(), found.cart(), found.products()));
    }

    /**
     * The gateway's way in from a mutation's result (the key "id version", the id being the cart's):
     * the cart once the read model holds at least that version, for its customer or an admin.
     */
    @Resolver
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    public Uni<Cart> cartAtVersion(@NotNull @Id String id, @PositiveOrZero int version) {
        String cartId = Ids.uuid("id", id);
        Consumer<UUID> ownerCheck = caller.ownerCheck();
        return freshness.atLeast("cart", cartId, (long) version, () -> carts.findById(cartId))
                .onItem().ifNull().failWith(() -> new ViewNotFound("cart", cartId))
                .invoke(view -> ownerCheck.accept(UUID.fromString(view.customerId)))
                .chain(view -> products.byIds(Cart.productIds(view))
                        .map(current -> Cart.of(cartId, view.customerId, view, current)));
    }
}
