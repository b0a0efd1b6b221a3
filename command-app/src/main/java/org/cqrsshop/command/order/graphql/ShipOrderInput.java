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

@Input("ShipOrderInput")
public record ShipOrderInput(
        @NotNull @Id String orderId,
        @Size(max = OrderCommand.MAX_TEXT_LENGTH) String carrier,
        @NotBlank @Size(max = OrderCommand.MAX_TEXT_LENGTH) String trackingNumber,
        @PositiveOrZero @Description("Refuse the change with CONCURRENCY_CONFLICT unless the order is at this version")
        Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
