package org.cqrsshop.query.cart.graphql;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.PositiveOrZero;
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
}
