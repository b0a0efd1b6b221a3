package org.cqrsshop.query.order;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cqrsshop.query.projection.StreamView;

/**
 * An order as stored in MongoDB: what was bought at which price, where it goes, and every status
 * it passed through. Money is in minor units of {@code currency}, like the events.
 */
@MongoEntity(collection = OrderView.COLLECTION)
public class OrderView extends StreamView {

    public static final String COLLECTION = "orders";

    public String orderNumber;
    public String customerId;
    public String status;
    public List<OrderLineView> lines = new ArrayList<>();
    public String currency;
    public long totalMinor;
    public int itemCount;
    public AddressView shippingAddress;
    public boolean fromCart;
    public Instant placedAt;
    public Instant updatedAt;
    public List<StatusChangeView> statusHistory = new ArrayList<>();

    public Instant paidAt;
    public String paymentReference;
    public Long amountPaidMinor;
    public Instant shippedAt;
    public String carrier;
    public String trackingNumber;
    public Instant deliveredAt;
    public Instant cancelledAt;
    public String cancellationReason;
    public boolean refundDue;
    public Instant refundedAt;
    public Long refundedMinor;
    public String refundReason;

    public OrderView copy() {
        OrderView copy = new OrderView();
        copy.id = id;
        copy.version = version;
        copy.lastPosition = lastPosition;
        copy.orderNumber = orderNumber;
        copy.customerId = customerId;
        copy.status = status;
        copy.lines = new ArrayList<>(lines);
        copy.currency = currency;
        copy.totalMinor = totalMinor;
        copy.itemCount = itemCount;
        copy.shippingAddress = shippingAddress;
        copy.fromCart = fromCart;
        copy.placedAt = placedAt;
        copy.updatedAt = updatedAt;
        copy.statusHistory = new ArrayList<>(statusHistory);
        copy.paidAt = paidAt;
        copy.paymentReference = paymentReference;
        copy.amountPaidMinor = amountPaidMinor;
        copy.shippedAt = shippedAt;
        copy.carrier = carrier;
        copy.trackingNumber = trackingNumber;
        copy.deliveredAt = deliveredAt;
        copy.cancelledAt = cancelledAt;
        copy.cancellationReason = cancellationReason;
        copy.refundDue = refundDue;
        copy.refundedAt = refundedAt;
        copy.refundedMinor = refundedMinor;
        copy.refundReason = refundReason;
        return copy;
    }
}
