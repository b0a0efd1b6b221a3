package org.cqrsshop.command.product.graphql;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.cqrsshop.command.product.ProductCommand;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("AdjustStockInput")
@Description("Counts stock in or out by hand. Stock never goes below zero: INSUFFICIENT_STOCK otherwise.")
public record AdjustStockInput(
        @NotNull @Id String productId,
        @Min(-ProductCommand.MAX_STOCK) @Max(ProductCommand.MAX_STOCK)
        @Description("Units in (positive) or out (negative); not 0") int delta,
        @NotBlank @Size(max = ProductCommand.MAX_REASON_LENGTH) @Description("Why, e.g. \"delivery 4711\" or \"stocktake\"")
        String reason,
        @PositiveOrZero @Description("Refuse the change with CONCURRENCY_CONFLICT unless the product is at this version")
        Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
