package org.cqrsshop.query.order.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.graphql.Ids;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("OrderFilter")
@Description("Conditions an order must all meet. Leave out the ones you do not need.")
public record OrderFilter(
        // A default, because SmallRye makes a list of non-null elements required.
        @DefaultValue("[]") @Description("Orders in any of these statuses; empty means every status")
        List<@NonNull OrderStatus> statuses,
        @Id @Description("Only this customer's orders") String customerId,
        @Description("Placed at or after this instant") Instant placedFrom,
        @Description("Placed before this instant") Instant placedTo) {

    static final OrderFilter NONE = new OrderFilter(List.of(), null, null, null);

    /**
     * The MongoDB filter for these conditions.
     *
     * @throws InvalidInput for a customer id that is not a UUID or a time range that ends before it starts
     */
    Document criteria() {
        List<Document> conditions = new ArrayList<>();
        if (statuses != null && !statuses.isEmpty()) {
            conditions.add(new Document("status", new Document("$in", statuses.stream().map(Enum::name).distinct().toList())));
        }
        if (customerId != null) {
            conditions.add(new Document("customerId", customer()));
        }
        if (placedFrom != null && placedTo != null && placedFrom.isAfter(placedTo)) {
            throw new InvalidInput("filter.placedTo", "must not be before placedFrom");
        }
        if (placedFrom != null) {
            conditions.add(new Document("placedAt", new Document("$gte", storedInstant(placedFrom))));
        }
        if (placedTo != null) {
            conditions.add(new Document("placedAt", new Document("$lt", storedInstant(placedTo))));
        }
        return switch (conditions.size()) {
            case 0 -> new Document();
            case 1 -> conditions.get(0);
            default -> new Document("$and", conditions);
        };
    }

    /**
     * MongoDB keeps whole milliseconds. Rounding a bound up to the next one keeps both {@code >=}
     * and {@code <} exact for what is stored; rounding down would let in an order placed just
     * before {@code placedFrom}.
     */
    static Date storedInstant(Instant bound) {
        long millis = bound.toEpochMilli();
        return new Date(bound.getNano() % 1_000_000 == 0 ? millis : millis + 1);
    }

    private String customer() {
        return Ids.uuid("filter.customerId", customerId);
    }
}
