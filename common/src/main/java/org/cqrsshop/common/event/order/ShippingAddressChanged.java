package org.cqrsshop.common.event.order;

import java.util.Objects;
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.id.OrderId;

/** The customer changed where the order goes, before it shipped. */
public record ShippingAddressChanged(OrderId orderId, ShippingAddress shippingAddress) implements OrderEvent {

    public ShippingAddressChanged {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
    }
}
