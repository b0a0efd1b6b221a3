package org.cqrsshop.command.order.graphql;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.cqrsshop.command.graphql.AddressInput;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.graphql.MoneyInput;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("CreateOrderInput")
@Description("An order of explicit lines, or of everything in the customer's cart (fromCart: true); not both.")
public record CreateOrderInput(
        @Id @Description("Optional id chosen by the client (a UUID); a new one is generated when absent") String orderId,
        @Id @Description(Inputs.CUSTOMER_ID) String customerId,
        @NotNull @Valid AddressInput shippingAddress,
        // A default, because SmallRye makes the list required; no @Size, as the order itself refuses more than 100.
        @DefaultValue("[]") @Description("At most 100 lines; leave out when fromCart is true")
        List<@NotNull @Valid OrderLineInput> lines,
        @DefaultValue("false") boolean fromCart,
        @Valid @Description("The total the customer was shown; the order fails with PRICE_CHANGED if prices moved since")
        MoneyInput expectedTotal,
        @PositiveOrZero @Description("0 refuses the order with CONCURRENCY_CONFLICT if the id is taken") Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
