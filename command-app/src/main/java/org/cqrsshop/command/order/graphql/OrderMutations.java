package org.cqrsshop.command.order.graphql;

import static org.cqrsshop.command.graphql.Inputs.build;
import static org.cqrsshop.command.graphql.Inputs.money;
import static org.cqrsshop.command.graphql.Inputs.optionalUuid;
import static org.cqrsshop.command.graphql.Inputs.uuid;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.cqrsshop.command.graphql.CommandResult;
import org.cqrsshop.command.graphql.RequestMetadata;
import org.cqrsshop.command.order.OrderCommand.ChangeShippingAddress;
import org.cqrsshop.command.order.OrderCommand.ChangeStatus;
import org.cqrsshop.command.order.OrderCommand.Ship;
import org.cqrsshop.command.order.OrderPlacement.CreateOrder;
import org.cqrsshop.command.order.OrderPlacement.RequestedLine;
import org.cqrsshop.command.order.application.OrderCommands;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.graphql.auth.Caller;
import org.cqrsshop.graphql.auth.Roles;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/** The order commands, as GraphQL mutations. docs/orders.md tables the status changes they allow. */
@GraphQLApi
public class OrderMutations {

    private final OrderCommands orders;
    private final RequestMetadata request;
    private final Caller caller;

    public OrderMutations(OrderCommands orders, RequestMetadata request, Caller caller) {
        this.orders = orders;
        this.request = request;
        this.caller = caller;
    }

    @Mutation
    @NonNull
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Description("Places an order at current prices and reserves its stock, atomically; from the cart, it also empties "
            + "the cart. Fails with INSUFFICIENT_STOCK, PRODUCT_DELETED, NOT_FOUND, CART_EMPTY, CURRENCY_MISMATCH or "
            + "PRICE_CHANGED, writing nothing.")
    public Uni<PlacedOrder> createOrder(@NotNull @Valid CreateOrderInput input) {
        OrderId orderId = input.orderId() == null ? OrderId.random() : new OrderId(uuid("input.orderId", input.orderId()));
        CustomerId customer = new CustomerId(caller.actingFor(optionalUuid("input.customerId", input.customerId()),
                "input.customerId"));
        ShippingAddress address = input.shippingAddress().toAddress("input.shippingAddress");
        List<RequestedLine> lines = new ArrayList<>();
        List<OrderLineInput> given = input.lines() == null ? List.of() : input.lines();
        for (int i = 0; i < given.size(); i++) {
            OrderLineInput line = given.get(i);
            String field = "input.lines." + i;
            lines.add(build(field, () -> new RequestedLine(new ProductId(uuid(field + ".productId", line.productId())),
                    line.quantity())));
        }
        Optional<Money> expectedTotal = Optional.ofNullable(input.expectedTotal()).map(total -> money("input.expectedTotal", total));
        CreateOrder order = build("input", () -> new CreateOrder(orderId, customer, address, lines, input.fromCart(), expectedTotal));
        return orders.createOrder(request.request("createOrder", input, input.expectedVersion(), input.idempotencyKey()), order)
                .map(PlacedOrder::of);
    }

    @Mutation
    @NonNull
    @RolesAllowed(Roles.ADMIN)
    @Description("Moves an order to another status (docs/orders.md). CANCELLED gives the stock back. Fails with "
            + "INVALID_STATE_TRANSITION for a move the table does not allow.")
    public Uni<CommandResult> updateOrderStatus(@NotNull @Valid UpdateOrderStatusInput input) {
        ChangeStatus change = changeStatus(input.orderId(), input.status(), input.reason());
        return orders.changeStatus(request.request("updateOrderStatus", input, input.expectedVersion(), input.idempotencyKey()),
                change, anyCustomer()).map(CommandResult::ofOrder);
    }

    @Mutation
    @NonNull
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Description("Cancels an order that has not shipped and gives its stock back; a paid order then awaits its refund.")
    public Uni<CommandResult> cancelOrder(@NotNull @Valid CancelOrderInput input) {
        ChangeStatus cancel = changeStatus(input.orderId(), OrderStatus.CANCELLED, input.reason());
        return orders.changeStatus(request.request("cancelOrder", input, input.expectedVersion(), input.idempotencyKey()),
                cancel, ownOrder()).map(CommandResult::ofOrder);
    }

    @Mutation
    @NonNull
    @RolesAllowed(Roles.ADMIN)
    @Description("Ships a paid order with its tracking number.")
    public Uni<CommandResult> shipOrder(@NotNull @Valid ShipOrderInput input) {
        OrderId orderId = new OrderId(uuid("input.orderId", input.orderId()));
        Ship ship = build("input", () -> new Ship(orderId, Optional.ofNullable(input.carrier()).orElse(""),
                input.trackingNumber()));
        return orders.handle(request.request("shipOrder", input, input.expectedVersion(), input.idempotencyKey()), ship, anyCustomer())
                .map(CommandResult::ofOrder);
    }

    @Mutation
    @NonNull
    @RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
    @Description("Sends an order that has not shipped yet to another address.")
    public Uni<CommandResult> changeShippingAddress(@NotNull @Valid ChangeShippingAddressInput input) {
        OrderId orderId = new OrderId(uuid("input.orderId", input.orderId()));
        ChangeShippingAddress change = new ChangeShippingAddress(orderId,
                input.shippingAddress().toAddress("input.shippingAddress"));
        return orders.handle(request.request("changeShippingAddress", input, input.expectedVersion(), input.idempotencyKey()),
                change, ownOrder()).map(CommandResult::ofOrder);
    }

    /** A customer acts only on their own orders; an admin on any. */
    private Consumer<CustomerId> ownOrder() {
        Consumer<UUID> check = caller.ownerCheck();
        return customer -> check.accept(customer.value());
    }

    private static Consumer<CustomerId> anyCustomer() {
        return customer -> {};
    }

    private static ChangeStatus changeStatus(String orderId, OrderStatus target, String reason) {
        OrderId id = new OrderId(uuid("input.orderId", orderId));
        return build("input", () -> new ChangeStatus(id, target, Optional.ofNullable(reason).orElse("")));
    }
}
