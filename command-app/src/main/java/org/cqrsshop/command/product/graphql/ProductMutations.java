package org.cqrsshop.command.product.graphql;

import static org.cqrsshop.command.graphql.Inputs.build;
import static org.cqrsshop.command.graphql.Inputs.expectedVersion;
import static org.cqrsshop.command.graphql.Inputs.money;
import static org.cqrsshop.command.graphql.Inputs.uuid;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import java.util.OptionalLong;
import org.cqrsshop.command.graphql.CommandResult;
import org.cqrsshop.command.graphql.RequestMetadata;
import org.cqrsshop.command.handling.CommandHandler;
import org.cqrsshop.command.product.ProductCommand;
import org.cqrsshop.command.product.ProductCommand.CreateProduct;
import org.cqrsshop.command.product.ProductCommand.DeleteProduct;
import org.cqrsshop.command.product.ProductCommand.UpdateProduct;
import org.cqrsshop.command.product.ProductDecider;
import org.cqrsshop.command.product.ProductDetails;
import org.cqrsshop.common.id.ProductId;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/** The product commands, as GraphQL mutations. */
@GraphQLApi
public class ProductMutations {

    private final CommandHandler handler;
    private final RequestMetadata request;

    public ProductMutations(CommandHandler handler, RequestMetadata request) {
        this.handler = handler;
        this.request = request;
    }

    @Mutation
    @NonNull
    @Description("Adds a product to the catalogue. Fails with PRODUCT_ALREADY_EXISTS if the id is taken.")
    public Uni<CommandResult> createProduct(@NotNull @Valid CreateProductInput input) {
        ProductId id = input.productId() == null
                ? ProductId.random()
                : new ProductId(uuid("input.productId", input.productId()));
        CreateProduct command = build("input", () -> new CreateProduct(id,
                build("input", () -> new ProductDetails(input.sku(), input.name(), input.description(),
                        money("input.price", input.price()), input.category())),
                input.stockQuantity()));
        return run(command, OptionalLong.empty());
    }

    @Mutation
    @NonNull
    @Description("Changes a product's details. Fails with NOT_FOUND, PRODUCT_DELETED or CONCURRENCY_CONFLICT.")
    public Uni<CommandResult> updateProduct(@NotNull @Valid UpdateProductInput input) {
        ProductId id = new ProductId(uuid("input.productId", input.productId()));
        UpdateProduct command = build("input", () -> new UpdateProduct(id,
                Optional.ofNullable(input.sku()),
                Optional.ofNullable(input.name()),
                Optional.ofNullable(input.description()),
                Optional.ofNullable(input.price()).map(price -> money("input.price", price)),
                Optional.ofNullable(input.category())));
        return run(command, expectedVersion(input.expectedVersion()));
    }

    @Mutation
    @NonNull
    @Description("Removes a product from the catalogue for good: it rejects every later command.")
    public Uni<CommandResult> deleteProduct(@NotNull @Valid DeleteProductInput input) {
        ProductId id = new ProductId(uuid("input.productId", input.productId()));
        return run(new DeleteProduct(id), expectedVersion(input.expectedVersion()));
    }

    private Uni<CommandResult> run(ProductCommand command, OptionalLong expectedVersion) {
        return handler.handle(ProductDecider.DECIDER, command.productId().value(), command, expectedVersion,
                        request.newCommand())
                .map(CommandResult::of);
    }
}
