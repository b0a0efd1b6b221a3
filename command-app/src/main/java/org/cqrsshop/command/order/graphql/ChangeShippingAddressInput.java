package org.cqrsshop.command.order.graphql;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.cqrsshop.command.graphql.AddressInput;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("ChangeShippingAddressInput")
public record ChangeShippingAddressInput(
        @NotNull @Id String orderId,
        @NotNull @Valid AddressInput shippingAddress,
        @PositiveOrZero @Description("Refuse the change with CONCURRENCY_CONFLICT unless the order is at this version")
        Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
