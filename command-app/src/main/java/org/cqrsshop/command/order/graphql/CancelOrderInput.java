package org.cqrsshop.command.order.graphql;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.cqrsshop.command.order.OrderCommand;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("CancelOrderInput")
public record CancelOrderInput(
        @NotNull @Id String orderId,
        @NotBlank @Size(max = OrderCommand.MAX_TEXT_LENGTH) String reason,
        @PositiveOrZero @Description("Refuse the change with CONCURRENCY_CONFLICT unless the order is at this version")
        Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
