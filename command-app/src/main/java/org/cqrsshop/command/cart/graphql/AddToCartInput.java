package org.cqrsshop.command.cart.graphql;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.cqrsshop.command.cart.CartCommand;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("AddToCartInput")
public record AddToCartInput(
        @Id @Description(Inputs.CUSTOMER_ID) String customerId,
        @NotNull @Id String productId,
        @Min(1) @Max(CartCommand.MAX_LINE_QUANTITY) int quantity,
        @PositiveOrZero @Description("Refuse the change with CONCURRENCY_CONFLICT unless the cart is at this version")
        Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
