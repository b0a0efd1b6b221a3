package org.cqrsshop.command.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.cqrsshop.command.cart.Cart;
import org.cqrsshop.command.cart.CartCommand;
import org.cqrsshop.command.cart.CartDecider;
import org.cqrsshop.command.cart.CartRejection;
import org.cqrsshop.command.decider.Decision;
import org.cqrsshop.command.decider.StreamChange;
import org.cqrsshop.command.decider.Verdict;
import org.cqrsshop.command.order.OrderCommand.PlaceOrder;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductCommand.ReserveStock;
import org.cqrsshop.command.product.ProductDecider;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;

/**
 * Placing an order changes several aggregates at once: the order is placed at the products'
 * current prices, each product reserves its units, and an order from the cart checks the cart out.
 * Each aggregate still decides its own part; this rule only combines them, and either all of them
 * agree or nothing is written.
 */
public final class OrderPlacement {

    /** Lines one order may have. */
    public static final int MAX_LINES = 100;
    /** Units of one product one order may ask for. */
    public static final int MAX_QUANTITY = 999;

    private OrderPlacement() {}

    public record RequestedLine(ProductId productId, int quantity) {
        public RequestedLine {
            Objects.requireNonNull(productId, "productId");
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                throw new IllegalArgumentException("quantity must be between 1 and " + MAX_QUANTITY);
            }
        }
    }

    /**
     * A customer's order: either explicit lines or the contents of their cart. Lines naming the
     * same product are merged, so a product is reserved once.
     *
     * @param expectedTotal the total the customer saw, if the client wants it checked
     */
    public record CreateOrder(
            OrderId orderId, CustomerId customerId, ShippingAddress shippingAddress,
            List<RequestedLine> lines, boolean fromCart, Optional<Money> expectedTotal) {

        public CreateOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(shippingAddress, "shippingAddress");
            Objects.requireNonNull(expectedTotal, "expectedTotal");
            lines = merged(lines);
            if (fromCart == !lines.isEmpty()) {
                throw new IllegalArgumentException("give either lines or fromCart, not both and not neither");
            }
            if (lines.size() > MAX_LINES) {
                throw new IllegalArgumentException("an order has at most " + MAX_LINES + " lines");
            }
        }

        private static List<RequestedLine> merged(List<RequestedLine> lines) {
            Map<ProductId, Integer> quantities = new LinkedHashMap<>();
            for (RequestedLine line : lines) {
                quantities.merge(line.productId(), line.quantity(), Integer::sum);
            }
            List<RequestedLine> merged = new ArrayList<>();
            quantities.forEach((product, quantity) -> merged.add(new RequestedLine(product, quantity)));
            return List.copyOf(merged);
        }
    }

    /** The products an order will need: the caller loads exactly these before deciding. */
    public static List<ProductId> productsNeeded(CreateOrder order, Cart cart) {
        return requestedLines(order, cart).stream().map(RequestedLine::productId).toList();
    }

    /**
     * @param orderNumber drawn by the caller: numbers come from a sequence, not from the domain
     * @param products the current state of every product in {@link #productsNeeded}; a missing
     *     entry counts as a product that does not exist
     * @return the events for the order, each product and (from a cart) the cart
     */
    public static Verdict<List<StreamChange>> decide(
            CreateOrder order, String orderNumber, Order existing, Cart cart, Map<ProductId, Product> products) {
        List<RequestedLine> requested = requestedLines(order, cart);
        if (order.fromCart() && requested.isEmpty()) {
            return Verdict.refuse(new CartRejection.CartEmpty());
        }
        List<StreamChange> changes = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        for (RequestedLine line : requested) {
            Product product = products.getOrDefault(line.productId(), new Product.Unknown());
            Decision<?> reservation = ProductDecider.decide(
                    new ReserveStock(line.productId(), order.orderId(), line.quantity()), product);
            if (reservation instanceof Decision.Rejected<?> rejected) {
                return Verdict.refuse(rejected.rejection());
            }
            changes.add(change(EventTypes.PRODUCT_STREAM, line.productId().value(), reservation));
            Product.Active active = (Product.Active) product;
            Money unitPrice = active.details().price();
            lines.add(new OrderLine(line.productId(), active.details().sku(), active.details().name(), line.quantity(),
                    unitPrice, unitPrice.times(line.quantity())));
        }
        Decision<?> placed = OrderDecider.decide(new PlaceOrder(order.orderId(), orderNumber,
                order.customerId(), lines, order.shippingAddress(), order.fromCart(), order.expectedTotal()), existing);
        if (placed instanceof Decision.Rejected<?> rejected) {
            return Verdict.refuse(rejected.rejection());
        }
        changes.add(0, change(EventTypes.ORDER_STREAM, order.orderId().value(), placed));
        if (order.fromCart()) {
            Decision<?> checkedOut = CartDecider.decide(new CartCommand.CheckOut(order.customerId(), order.orderId()), cart);
            if (checkedOut instanceof Decision.Rejected<?> rejected) {
                return Verdict.refuse(rejected.rejection());
            }
            changes.add(change(EventTypes.CART_STREAM, CartId.forCustomer(order.customerId()).value(), checkedOut));
        }
        return Verdict.allow(List.copyOf(changes));
    }

    private static List<RequestedLine> requestedLines(CreateOrder order, Cart cart) {
        if (!order.fromCart()) {
            return order.lines();
        }
        List<RequestedLine> fromCart = new ArrayList<>();
        cart.lines().forEach((product, quantity) -> fromCart.add(new RequestedLine(product, Math.min(quantity, MAX_QUANTITY))));
        return fromCart;
    }

    static StreamChange change(String streamType, UUID streamId, Decision<?> accepted) {
        List<DomainEvent> events = new ArrayList<>();
        for (Object event : ((Decision.Accepted<?>) accepted).events()) {
            events.add((DomainEvent) event);
        }
        return new StreamChange(streamType, streamId, events);
    }
}
