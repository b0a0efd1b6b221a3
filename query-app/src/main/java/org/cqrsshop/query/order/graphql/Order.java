package org.cqrsshop.query.order.graphql;

import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;
import java.time.Instant;
import java.util.List;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.query.order.AddressView;
import org.cqrsshop.query.order.OrderLineView;
import org.cqrsshop.query.order.OrderView;
import org.cqrsshop.query.order.StatusChangeView;
import org.cqrsshop.query.graphql.MoneyAmount;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Order")
// Resolvable by the version a mutation wrote, so that the gateway reads one's own write (docs/federation.md).
@Key(fields = @FieldSet("id version"))
@Description("An order as the read model last saw it. Every amount is in the order's one currency. `version` is the"
        + " version of the last event applied.")
public record Order(
        @NonNull @Id String id,
        @NonNull @Description("The number quoted to the customer, e.g. CS-2026-000042") String orderNumber,
        @NonNull @Id String customerId,
        @NonNull OrderStatus status,
        @NonNull @Description("As priced when the order was placed; later catalogue changes do not show here")
        List<@NonNull Line> lines,
        @NonNull MoneyAmount total,
        @Description("Units over all lines") int itemCount,
        @NonNull Address shippingAddress,
        @Description("Whether the lines came from the customer's cart") boolean fromCart,
        @NonNull Instant placedAt,
        @NonNull Instant updatedAt,
        int version,
        @NonNull @Description("Every status the order entered, oldest first, starting with PENDING")
        List<@NonNull StatusChange> statusHistory,
        @Description("null until the order is paid") Payment payment,
        @Description("null until the order ships") Shipment shipment,
        @Description("null unless the order was cancelled") Cancellation cancellation,
        @Description("null unless the money went back to the customer") Refund refund) {

    @Type("OrderLine")
    public record Line(
            @NonNull @Id String productId,
            @NonNull String sku,
            @NonNull String name,
            int quantity,
            @NonNull MoneyAmount unitPrice,
            @NonNull MoneyAmount lineTotal) {}

    @Type("Address")
    @Description("Where an order goes; line2 and region are empty when not given.")
    public record Address(
            @NonNull String recipient,
            @NonNull String line1,
            @NonNull String line2,
            @NonNull String postalCode,
            @NonNull String city,
            @NonNull String region,
            @NonNull @Description("ISO 3166-1 alpha-2 code, such as DE") String country) {}

    @Type("StatusChange")
    public record StatusChange(
            @NonNull OrderStatus status,
            @NonNull Instant at,
            @Description("The order's version once it entered this status") int version) {}

    @Type("Payment")
    public record Payment(@NonNull String reference, @NonNull MoneyAmount amount, @NonNull Instant paidAt) {}

    @Type("Shipment")
    @Description("Carrier and tracking number are empty when unknown.")
    public record Shipment(
            @NonNull String carrier, @NonNull String trackingNumber, @NonNull Instant shippedAt, Instant deliveredAt) {}

    @Type("Cancellation")
    public record Cancellation(
            @NonNull String reason,
            @NonNull Instant cancelledAt,
            @Description("Whether the order had been paid and the money is still to go back") boolean refundDue) {}

    @Type("Refund")
    public record Refund(@NonNull MoneyAmount amount, @NonNull String reason, @NonNull Instant refundedAt) {}

    static Order of(OrderView view) {
        return new Order(view.id, view.orderNumber, view.customerId, OrderStatus.valueOf(view.status),
                view.lines.stream().map(line -> line(line, view.currency)).toList(),
                new MoneyAmount(view.totalMinor, view.currency),
                view.itemCount,
                address(view.shippingAddress),
                view.fromCart,
                view.placedAt,
                view.updatedAt,
                Math.toIntExact(view.version),
                view.statusHistory.stream().map(Order::statusChange).toList(),
                view.paidAt == null ? null
                        : new Payment(view.paymentReference, new MoneyAmount(view.amountPaidMinor, view.currency), view.paidAt),
                view.shippedAt == null ? null
                        : new Shipment(view.carrier, view.trackingNumber, view.shippedAt, view.deliveredAt),
                view.cancelledAt == null ? null
                        : new Cancellation(view.cancellationReason, view.cancelledAt, view.refundDue),
                view.refundedAt == null ? null
                        : new Refund(new MoneyAmount(view.refundedMinor, view.currency), view.refundReason, view.refundedAt));
    }

    private static Line line(OrderLineView line, String currency) {
        return new Line(line.productId, line.sku, line.name, line.quantity,
                new MoneyAmount(line.unitPriceMinor, currency), new MoneyAmount(line.lineTotalMinor, currency));
    }

    private static Address address(AddressView address) {
        return new Address(address.recipient, address.line1, address.line2, address.postalCode, address.city,
                address.region, address.country);
    }

    private static StatusChange statusChange(StatusChangeView change) {
        return new StatusChange(OrderStatus.valueOf(change.status), change.at, Math.toIntExact(change.version));
    }
}
