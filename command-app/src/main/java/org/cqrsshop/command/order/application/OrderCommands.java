package org.cqrsshop.command.order.application;

import static org.cqrsshop.command.handling.CommandHandler.accepted;
import static org.cqrsshop.command.handling.CommandHandler.requireExpectedVersion;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.cqrsshop.command.cart.CartDecider;
import org.cqrsshop.command.decider.StreamChange;
import org.cqrsshop.command.decider.Verdict;
import org.cqrsshop.command.eventstore.PgEventStore;
import org.cqrsshop.command.handling.CommandHandler;
import org.cqrsshop.command.handling.CommandHandler.Primary;
import org.cqrsshop.command.handling.CommandOutcome;
import org.cqrsshop.command.handling.CommandRejected;
import org.cqrsshop.command.handling.CommandRequest;
import org.cqrsshop.command.handling.UnitOfWork;
import org.cqrsshop.command.order.Order;
import org.cqrsshop.command.order.OrderCancellation;
import org.cqrsshop.command.order.OrderCommand;
import org.cqrsshop.command.order.OrderCommand.ChangeStatus;
import org.cqrsshop.command.order.OrderDecider;
import org.cqrsshop.command.order.OrderPlacement;
import org.cqrsshop.command.order.OrderPlacement.CreateOrder;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductDecider;
import org.cqrsshop.common.event.order.OrderPlaced;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.ProductId;

/**
 * Runs order commands. Placing and cancelling touch the products (and the cart) too: this class
 * loads them, lets the domain's placement and cancellation rules decide, and hands every stream's
 * events to one commit.
 */
@ApplicationScoped
public class OrderCommands {

    /** Result attributes of a placed order. */
    public static final String ORDER_NUMBER = "orderNumber";
    public static final String TOTAL_AMOUNT = "totalAmountMinor";
    public static final String TOTAL_CURRENCY = "totalCurrency";

    private final CommandHandler handler;
    private final PgEventStore eventStore;

    public OrderCommands(CommandHandler handler, PgEventStore eventStore) {
        this.handler = handler;
        this.eventStore = eventStore;
    }

    /** Places an order. Its number is drawn first, once, so that retries after a clash keep it. */
    public Uni<CommandOutcome> createOrder(CommandRequest request, CreateOrder create) {
        UUID orderId = create.orderId().value();
        UUID cartId = CartId.forCustomer(create.customerId()).value();
        return eventStore.nextOrderNumber().chain(sequence -> {
            int year = request.context().receivedAt().atZone(ZoneOffset.UTC).getYear();
            String orderNumber = String.format("CS-%d-%06d", year, sequence);
            return handler.run(request, work -> work.load(OrderDecider.DECIDER, orderId)
                    .chain(existing -> work.load(CartDecider.DECIDER, cartId)
                            .chain(cart -> loadProducts(work, OrderPlacement.productsNeeded(create, cart))
                                    .map(products -> {
                                        requireExpectedVersion(request, orderId, work.versionOf(orderId));
                                        List<StreamChange> changes = allowed(
                                                OrderPlacement.decide(create, orderNumber, existing, cart, products));
                                        work.record(changes);
                                        return new Primary(orderId, placedAttributes(changes));
                                    }))));
        });
    }

    /**
     * Moves an order to a new status; a cancellation also gives its stock back.
     *
     * @param requireAccess given the order's customer, refuses a caller who may not act on it
     */
    public Uni<CommandOutcome> changeStatus(
            CommandRequest request, ChangeStatus change, Consumer<CustomerId> requireAccess) {
        if (change.target() != OrderStatus.CANCELLED) {
            return handle(request, change, requireAccess);
        }
        UUID orderId = change.orderId().value();
        return handler.run(request, work -> work.load(OrderDecider.DECIDER, orderId)
                .invoke(order -> checkAccess(order, requireAccess))
                .chain(order -> loadProducts(work, OrderCancellation.productsToRelease(order)).map(products -> {
                    requireExpectedVersion(request, orderId, work.versionOf(orderId));
                    work.record(allowed(OrderCancellation.decide(change, order, products)));
                    return Primary.of(orderId);
                })));
    }

    /** Order commands that touch the order alone; {@code requireAccess} as for {@link #changeStatus}. */
    public Uni<CommandOutcome> handle(CommandRequest request, OrderCommand command, Consumer<CustomerId> requireAccess) {
        UUID orderId = command.orderId().value();
        return handler.run(request, work -> work.load(OrderDecider.DECIDER, orderId).map(order -> {
            checkAccess(order, requireAccess);
            requireExpectedVersion(request, orderId, work.versionOf(orderId));
            work.record(OrderDecider.DECIDER, orderId, accepted(OrderDecider.DECIDER.decide().apply(command, order)));
            return Primary.of(orderId);
        }));
    }

    /** An order that does not exist yet has no owner; the decider refuses it as NOT_FOUND. */
    private static void checkAccess(Order order, Consumer<CustomerId> requireAccess) {
        if (order instanceof Order.Placed placed) {
            requireAccess.accept(placed.details().customerId());
        }
    }

    private static Uni<Map<ProductId, Product>> loadProducts(UnitOfWork work, List<ProductId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // One after another: the unit of work is not shared between concurrent loads.
        Uni<Map<ProductId, Product>> loaded = Uni.createFrom().item(new HashMap<>());
        for (ProductId id : ids) {
            loaded = loaded.chain(products -> work.load(ProductDecider.DECIDER, id.value()).map(product -> {
                products.put(id, product);
                return products;
            }));
        }
        return loaded;
    }

    private static List<StreamChange> allowed(Verdict<List<StreamChange>> verdict) {
        if (verdict instanceof Verdict.Refused<List<StreamChange>> refused) {
            throw new CommandRejected(refused.rejection());
        }
        return ((Verdict.Allowed<List<StreamChange>>) verdict).value();
    }

    private static Map<String, String> placedAttributes(List<StreamChange> changes) {
        return changes.stream()
                .flatMap(change -> change.events().stream())
                .filter(OrderPlaced.class::isInstance)
                .map(OrderPlaced.class::cast)
                .findFirst()
                .map(placed -> Map.of(
                        ORDER_NUMBER, placed.orderNumber(),
                        TOTAL_AMOUNT, String.valueOf(placed.total().amountMinor()),
                        TOTAL_CURRENCY, placed.total().currency().value()))
                .orElseThrow();
    }
}
