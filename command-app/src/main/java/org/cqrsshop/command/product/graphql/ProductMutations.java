package org.cqrsshop.command.product.graphql;

import static org.cqrsshop.command.graphql.Inputs.build;
import static org.cqrsshop.command.graphql.Inputs.money;
import static org.cqrsshop.command.graphql.Inputs.uuid;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import org.cqrsshop.command.graphql.CommandResult;
import org.cqrsshop.command.graphql.RequestMetadata;
import org.cqrsshop.command.handling.CommandHandler;
import org.cqrsshop.command.handling.CommandRequest;
import org.cqrsshop.command.product.ProductCommand;
import org.cqrsshop.command.product.ProductCommand.AdjustStock;
import org.cqrsshop.command.product.ProductCommand.CreateProduct;
import org.cqrsshop.command.product.ProductCommand.DeleteProduct;
import org.cqrsshop.command.product.ProductCommand.UpdateProduct;
import org.cqrsshop.command.product.ProductDecider;
import org.cqrsshop.command.product.ProductDetails;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.graphql.auth.Roles;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/** The product commands, as GraphQL mutations. */
@GraphQLApi
@RolesAllowed(Roles.ADMIN)
public class ProductMutations {

    private final CommandHandler handler;
    private final RequestMetadata request;

    public ProductMutations(CommandHandler handler, RequestMetadata request) {
        this.handler = handler;
        this.request = request;
    }

    @Mutation
    @NonNull
    @Description("Adds a product to the catalogue. Fails with PRODUCT_ALREADY_EXISTS if the id is taken and "
            + "DUPLICATE_SKU if another product has the SKU.")
    public Uni<CommandResult> createProduct(@NotNull @Valid CreateProductInput input) {
        ProductId id = input.productId() == null
                ? ProductId.random()
                : new ProductId(uuid("input.productId", input.productId()));
        CreateProduct command = build("input", () -> new CreateProduct(id,
                build("input", () -> new ProductDetails(input.sku(), input.name(), input.description(),
                        money("input.price", input.price()), input.category())),
                input.stockQuantity()));
        return run(request.request("createProduct", input, input.expectedVersion(), input.idempotencyKey()), command);
    }

    @Mutation
    @NonNull
    @Description("Changes a product's details. Fails with NOT_FOUND, PRODUCT_DELETED, DUPLICATE_SKU or "
            + "CONCURRENCY_CONFLICT.")
    public Uni<CommandResult> updateProduct(@NotNull @Valid UpdateProductInput input) {
        ProductId id = new ProductId(uuid("input.productId", input.productId()));
        UpdateProduct command = build("input", () -> new UpdateProduct(id,
                Optional.ofNullable(input.sku()),
                Optional.ofNullable(input.name()),
                Optional.ofNullable(input.description()),
                Optional.ofNullable(input.price()).map(price -> money("input.price", price)),
                Optional.ofNullable(input.category())));
        return run(request.request("updateProduct", input, input.expectedVersion(), input.idempotencyKey()), command);
    }

    @Mutation
    @NonNull
    @Description("Removes a product from the catalogue for good: it rejects every later command, and its SKU is free again.")
    public Uni<CommandResult> deleteProduct(@NotNull @Valid DeleteProductInput input) {
        ProductId id = new ProductId(uuid("input.productId", input.productId()));
        return run(request.request("deleteProduct", input, input.expectedVersion(), input.idempotencyKey()),
                new DeleteProduct(id));
    }

    @Mutation
    @NonNull
    @Description("Counts stock in or out, with a reason. Fails with INSUFFICIENT_STOCK if stock would go below zero.")
    public Uni<CommandResult> adjustStock(@NotNull @Valid AdjustStockInput input) {
        ProductId id = new ProductId(uuid("input.productId", input.productId()));
        AdjustStock command = build("input", () -> new AdjustStock(id, input.delta(), input.reason()));
        return run(request.request("adjustStock", input, input.expectedVersion(), input.idempotencyKey()), command);
    }

    private Uni<CommandResult> run(CommandRequest commandRequest, ProductCommand command) {
        return handler.handle(commandRequest, ProductDecider.DECIDER, command.productId().value(), command)
                .map(CommandResult::ofProduct);
    }
}
