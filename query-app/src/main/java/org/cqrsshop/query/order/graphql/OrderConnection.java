package org.cqrsshop.query.order.graphql;

import java.util.List;
import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.graphql.PageInfo;
import org.cqrsshop.query.order.OrderView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OrderConnection")
@Description("One page of orders.")
public record OrderConnection(
        @NonNull List<@NonNull OrderEdge> edges,
        @NonNull PageInfo pageInfo,
        @Description("All orders that match, across every page") int totalCount) {

    @Type("OrderEdge")
    public record OrderEdge(@NonNull String cursor, @NonNull Order node) {}

    /** @param found up to {@code first + 1} orders; the extra one only says that another page follows */
    static OrderConnection of(List<OrderView> found, int first, Keyset<OrderView> keyset, long totalCount) {
        List<OrderEdge> edges = found.stream().limit(first)
                .map(view -> new OrderEdge(keyset.cursorOf(view), Order.of(view)))
                .toList();
        return new OrderConnection(edges, PageInfo.of(edges.stream().map(OrderEdge::cursor).toList(), found.size() > first),
                Math.toIntExact(totalCount));
    }
}
