package org.cqrsshop.command.product.graphql;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.graphql.MoneyInput;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.cqrsshop.command.product.ProductDetails;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("UpdateProductInput")
@Description("Changes a product's details; fields left out keep their value. Stock is not a detail.")
public record UpdateProductInput(
        @NotNull @Id String productId,
        @PositiveOrZero @Description("Refuse the change with CONCURRENCY_CONFLICT unless the product is at this version")
        Integer expectedVersion,
        @Size(min = 1, max = ProductDetails.MAX_SKU_LENGTH) @Pattern(regexp = ProductDetails.SKU_PATTERN) String sku,
        @Size(min = 1, max = ProductDetails.MAX_NAME_LENGTH) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        String name,
        @Size(max = ProductDetails.MAX_DESCRIPTION_LENGTH) String description,
        @Valid MoneyInput price,
        @Size(min = 1, max = ProductDetails.MAX_CATEGORY_LENGTH) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        String category,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {

    /** {@code @NotBlank} would also refuse null, which here means "keep the current value". */
    static final String NOT_BLANK = "(?s).*\\S.*";
}
