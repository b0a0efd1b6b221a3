package org.cqrsshop.command.order.graphql;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.cqrsshop.command.order.OrderPlacement;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("OrderLineInput")
public record OrderLineInput(
        @NotNull @Id String productId,
        @Min(1) @Max(OrderPlacement.MAX_QUANTITY) int quantity) {}
