package org.cqrsshop.command.product.graphql;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.cqrsshop.command.graphql.Inputs;
import org.cqrsshop.command.graphql.MoneyInput;
import org.cqrsshop.command.handling.IdempotencyKey;
import org.cqrsshop.command.product.ProductCommand;
import org.cqrsshop.command.product.ProductDetails;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("CreateProductInput")
public record CreateProductInput(
        @Id @Description("Optional id chosen by the client (a UUID), so that a retried request cannot create a"
                + " second product; a new one is generated when absent") String productId,
        @NotBlank @Size(max = ProductDetails.MAX_SKU_LENGTH) @Pattern(regexp = ProductDetails.SKU_PATTERN) String sku,
        @NotBlank @Size(max = ProductDetails.MAX_NAME_LENGTH) String name,
        @NotNull @Size(max = ProductDetails.MAX_DESCRIPTION_LENGTH) String description,
        @NotNull @Valid MoneyInput price,
        @NotBlank @Size(max = ProductDetails.MAX_CATEGORY_LENGTH) String category,
        @PositiveOrZero @Max(ProductCommand.MAX_STOCK) @Description("Units in stock to begin with") int stockQuantity,
        @PositiveOrZero @Description("0 refuses the creation with CONCURRENCY_CONFLICT if the product exists")
        Integer expectedVersion,
        @Size(max = IdempotencyKey.MAX_LENGTH) @Description(Inputs.IDEMPOTENCY_KEY) String idempotencyKey) {}
