package org.cqrsshop.command.order.graphql;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.cqrsshop.command.order.OrderCommand;
import org.cqrsshop.common.event.order.OrderStatus;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("UpdateOrderStatusInput")
public record UpdateOrderStatusInput(
        @NotNull @Id String orderId,
        @NotNull OrderStatus status,
        @Size(max = OrderCommand.MAX_TEXT_LENGTH)
        @Description("The payment reference for PAID, the reason for CANCELLED and REFUNDED") String reason,
        @PositiveOrZero @Description("Refuse the change with CONCURRENCY_CONFLICT unless the order is at this version")
        Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
