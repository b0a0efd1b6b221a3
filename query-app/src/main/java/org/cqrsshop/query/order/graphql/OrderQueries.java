package org.cqrsshop.query.order.graphql;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import java.util.function.Consumer;
import org.cqrsshop.graphql.auth.Caller;
import org.cqrsshop.graphql.auth.Roles;
import org.cqrsshop.query.freshness.VersionWait;
import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.paging.Cursor.Position;
import org.cqrsshop.query.paging.Cursor.ValueType;
import org.cqrsshop.query.graphql.Ids;
import org.cqrsshop.query.graphql.ViewNotFound;
import org.cqrsshop.query.order.OrderCriteria;
import org.cqrsshop.query.order.OrderView;
import org.cqrsshop.query.order.OrderViewRepository;
import org.cqrsshop.query.product.graphql.ProductQueries;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Order reads, served from the MongoDB read model. */
@GraphQLApi
public class OrderQueries {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_ORDER_NUMBER_LENGTH = 64;
    private static final Keyset<OrderView> NEWEST_FIRST =
            new Keyset<>("orderHistory", "placedAt", ValueType.TIMESTAMP, true, view -> view.placedAt);

    private final OrderViewRepository views;
    private final VersionWait freshness;
    private final Caller caller;

    public OrderQueries(OrderViewRepository views, VersionWait freshness, Caller caller) {
        this.views = views;
        this.freshness = freshness;
        this.caller = caller;
    }

    @Query
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Description("One order by id. Fails with NOT_FOUND if the read model has never seen it, and with FORBIDDEN for"
            + " a customer's order asked for by another customer.")
    public Uni<Order> order(
            @NotNull @Id String id,
            @PositiveOrZero @Description(ProductQueries.MIN_VERSION) Integer minVersion) {
        String orderId = Ids.uuid("id", id);
        Consumer<UUID> ownerCheck = caller.ownerCheck();
        return freshness.atLeast("order", orderId, minVersion == null ? null : minVersion.longValue(),
                        () -> views.findById(orderId))
                .onItem().ifNull().failWith(() -> new ViewNotFound("order", orderId))
                .invoke(view -> ownerCheck.accept(UUID.fromString(view.customerId)))
                .map(Order::of);
    }

    /** The gateway's way in from a mutation's result (the key "id version"), under the same rules as {@link #order}. */
    @Resolver
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    public Uni<Order> orderAtVersion(@NotNull @Id String id, @PositiveOrZero int version) {
        return order(id, version);
    }

    @Query
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Description("One order by the number quoted to the customer, e.g. CS-2026-000042. Fails with NOT_FOUND if there is"
            + " none, and with FORBIDDEN for another customer's order.")
    public Uni<Order> orderByNumber(@NotNull @Size(max = MAX_ORDER_NUMBER_LENGTH) String number) {
        Consumer<UUID> ownerCheck = caller.ownerCheck();
        return views.byNumber(number)
                .onItem().ifNull().failWith(() -> new ViewNotFound("order", number))
                .invoke(view -> ownerCheck.accept(UUID.fromString(view.customerId)))
                .map(Order::of);
    }

    @Query
    @NonNull
    @RolesAllowed(Roles.ADMIN)
    @Description("Orders that meet the filter (by default all), in the order asked for (by default newest first), a"
            + " page at a time (at most 100 per page).")
    public Uni<OrderConnection> orders(
            @Valid OrderFilter filter,
            OrderSort sort,
            @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int first,
            @Description("The endCursor of the previous page, asked for with the same filter and sort") String after) {
        OrderCriteria criteria = filter == null ? OrderCriteria.ALL : filter.criteria();
        return page(criteria, (sort == null ? OrderSort.DEFAULT : sort).keyset(), first, after);
    }

    @Query
    @NonNull
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Description("The customer's orders, newest first, a page at a time (at most 100 per page).")
    public Uni<OrderConnection> orderHistory(
            @Id @Description(Ids.CUSTOMER_ID) String customerId,
            @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int first,
            @Description("The endCursor of the previous page") String after) {
        UUID customer = caller.actingFor(Ids.optionalUuid("customerId", customerId), "customerId");
        return page(OrderCriteria.ofCustomer(customer.toString()), NEWEST_FIRST, first, after);
    }

    private Uni<OrderConnection> page(OrderCriteria criteria, Keyset<OrderView> keyset, int first, String after) {
        Position position = after == null ? null : keyset.position("after", after);
        return views.page(criteria, keyset, position, first)
                .map(found -> OrderConnection.of(found.items(), first, keyset, found.totalCount()));
    }

}
