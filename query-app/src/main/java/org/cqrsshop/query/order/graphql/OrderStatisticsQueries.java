package org.cqrsshop.query.order.graphql;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import org.cqrsshop.graphql.auth.Roles;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.order.OrderViewRepository;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Sales figures, computed by MongoDB from the order views. */
@GraphQLApi
@RolesAllowed(Roles.ADMIN)
public class OrderStatisticsQueries {

    /** A bound on the work one request can ask of MongoDB. */
    static final Duration MAX_SPAN = Duration.ofDays(366);

    private final OrderViewRepository views;

    public OrderStatisticsQueries(OrderViewRepository views) {
        this.views = views;
    }

    @Query
    @NonNull
    @Description("Figures over the orders placed from `from` (inclusive) to `to` (exclusive), at most 366 days apart.")
    public Uni<OrderStatistics> orderStatistics(@NotNull Instant from, @NotNull Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidInput("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new InvalidInput("to", "must be at most " + MAX_SPAN.toDays() + " days after from");
        }
        return views.totalsPerStatusAndCurrency(from, to)
                .map(OrderStatistics::of);
    }
}
