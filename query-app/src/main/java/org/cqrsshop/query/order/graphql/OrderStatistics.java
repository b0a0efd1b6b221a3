package org.cqrsshop.query.order.graphql;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.query.graphql.MoneyAmount;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OrderStatistics")
@Description("Figures over the orders placed in a time range, in the status each order has now.")
public record OrderStatistics(
        @Description("Orders placed in the range, whatever their status") int orderCount,
        @NonNull @Description("How many of them are in each status now: every status, in lifecycle order, zeros included")
        List<@NonNull StatusCount> byStatus,
        @NonNull
        @Description("Per currency, by currency code: the sum of the totals of the orders that are PAID, SHIPPED or"
                + " DELIVERED now. Pending, cancelled and refunded orders earn nothing.")
        List<@NonNull MoneyAmount> revenue,
        @NonNull
        @Description("Per currency, by currency code: revenue divided by the number of orders it comes from (the PAID,"
                + " SHIPPED and DELIVERED ones), rounded down to a whole minor unit.")
        List<@NonNull MoneyAmount> averageOrderValue) {

    @Type("StatusCount")
    public record StatusCount(@NonNull OrderStatus status, int count) {}

    /** The statuses whose orders count as revenue: the money arrived and has not gone back. */
    static final Set<OrderStatus> EARNING = EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    /** @param groups one per status and currency: {@code {_id: {status, currency}, orders, totalMinor}} */
    static OrderStatistics of(List<Document> groups) {
        Map<OrderStatus, Long> countByStatus = new EnumMap<>(OrderStatus.class);
        Map<String, Long> revenueByCurrency = new TreeMap<>();
        Map<String, Long> earningOrdersByCurrency = new TreeMap<>();
        for (Document group : groups) {
            Document key = group.get("_id", Document.class);
            OrderStatus status = OrderStatus.valueOf(key.getString("status"));
            long orders = group.get("orders", Number.class).longValue();
            countByStatus.merge(status, orders, Math::addExact);
            if (EARNING.contains(status)) {
                String currency = key.getString("currency");
                revenueByCurrency.merge(currency, group.get("totalMinor", Number.class).longValue(), Math::addExact);
                earningOrdersByCurrency.merge(currency, orders, Math::addExact);
            }
        }
        List<StatusCount> byStatus = Arrays.stream(OrderStatus.values())
                .map(status -> new StatusCount(status, Math.toIntExact(countByStatus.getOrDefault(status, 0L))))
                .toList();
        List<MoneyAmount> revenue = revenueByCurrency.entrySet().stream()
                .map(sum -> new MoneyAmount(sum.getValue(), sum.getKey()))
                .toList();
        // Totals are never negative, so integer division rounds down.
        List<MoneyAmount> average = revenueByCurrency.entrySet().stream()
                .map(sum -> new MoneyAmount(sum.getValue() / earningOrdersByCurrency.get(sum.getKey()), sum.getKey()))
                .toList();
        int orderCount = Math.toIntExact(countByStatus.values().stream().mapToLong(Long::longValue).sum());
        return new OrderStatistics(orderCount, byStatus, revenue, average);
    }
}
