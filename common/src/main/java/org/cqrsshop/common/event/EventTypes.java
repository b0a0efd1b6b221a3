package org.cqrsshop.common.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cqrsshop.common.event.cart.CartCheckedOut;
import org.cqrsshop.common.event.cart.CartCleared;
import org.cqrsshop.common.event.cart.CartEvent;
import org.cqrsshop.common.event.cart.CartItemAdded;
import org.cqrsshop.common.event.cart.CartItemRemoved;
import org.cqrsshop.common.event.order.OrderCancelled;
import org.cqrsshop.common.event.order.OrderDelivered;
import org.cqrsshop.common.event.order.OrderEvent;
import org.cqrsshop.common.event.order.OrderPaid;
import org.cqrsshop.common.event.order.OrderPlaced;
import org.cqrsshop.common.event.order.OrderRefunded;
import org.cqrsshop.common.event.order.OrderShipped;
import org.cqrsshop.common.event.order.ShippingAddressChanged;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.event.product.StockReleased;
import org.cqrsshop.common.event.product.StockReserved;

/**
 * The registry of every event type both apps understand. It is the single list that the store,
 * the relay, the projections and the native-image configuration are checked against.
 */
public final class EventTypes {

    /** Stream type of the {@link ProductEvent} family. */
    public static final String PRODUCT_STREAM = "product";
    /** Stream type of the {@link CartEvent} family. */
    public static final String CART_STREAM = "cart";
    /** Stream type of the {@link OrderEvent} family. */
    public static final String ORDER_STREAM = "order";

    /** The current schema version of every event; older stored versions are upcast by EventJson. */
    private static final List<EventType<?>> ALL = List.of(
            new EventType<>("ProductCreated", 2, PRODUCT_STREAM, ProductCreated.class),
            new EventType<>("ProductUpdated", 1, PRODUCT_STREAM, ProductUpdated.class),
            new EventType<>("ProductDeleted", 1, PRODUCT_STREAM, ProductDeleted.class),
            new EventType<>("ProductStockAdjusted", 1, PRODUCT_STREAM, ProductStockAdjusted.class),
            new EventType<>("StockReserved", 1, PRODUCT_STREAM, StockReserved.class),
            new EventType<>("StockReleased", 1, PRODUCT_STREAM, StockReleased.class),
            new EventType<>("CartItemAdded", 1, CART_STREAM, CartItemAdded.class),
            new EventType<>("CartItemRemoved", 1, CART_STREAM, CartItemRemoved.class),
            new EventType<>("CartCleared", 1, CART_STREAM, CartCleared.class),
            new EventType<>("CartCheckedOut", 1, CART_STREAM, CartCheckedOut.class),
            new EventType<>("OrderPlaced", 1, ORDER_STREAM, OrderPlaced.class),
            new EventType<>("OrderPaid", 1, ORDER_STREAM, OrderPaid.class),
            new EventType<>("OrderShipped", 1, ORDER_STREAM, OrderShipped.class),
            new EventType<>("OrderDelivered", 1, ORDER_STREAM, OrderDelivered.class),
            new EventType<>("OrderCancelled", 1, ORDER_STREAM, OrderCancelled.class),
            new EventType<>("OrderRefunded", 1, ORDER_STREAM, OrderRefunded.class),
            new EventType<>("ShippingAddressChanged", 1, ORDER_STREAM, ShippingAddressChanged.class));

    /** The sealed event families; every class they permit must appear in {@link #all()}. */
    public static final List<Class<? extends DomainEvent>> FAMILIES =
            List.of(ProductEvent.class, CartEvent.class, OrderEvent.class);

    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {}

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The wire identity of an event; every event class is registered, so this never fails. */
    public static EventType<?> of(DomainEvent event) {
        EventType<?> type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalStateException("event class not registered: " + event.getClass().getName());
        }
        return type;
    }

    /** The current form of an event type, whatever version a stored payload has. */
    public static Optional<EventType<?>> current(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
