package org.cqrsshop.command.cart.application;

import static org.cqrsshop.command.handling.CommandHandler.accepted;
import static org.cqrsshop.command.handling.CommandHandler.requireExpectedVersion;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Function;
import org.cqrsshop.command.cart.CartCommand;
import org.cqrsshop.command.cart.CartCommand.AddToCart;
import org.cqrsshop.command.cart.CartDecider;
import org.cqrsshop.command.handling.CommandHandler;
import org.cqrsshop.command.handling.CommandHandler.Primary;
import org.cqrsshop.command.handling.CommandOutcome;
import org.cqrsshop.command.handling.CommandRequest;
import org.cqrsshop.command.product.Product;
import org.cqrsshop.command.product.ProductDecider;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.ProductId;

/** Runs cart commands; adding a product first reads that product's current state. */
@ApplicationScoped
public class CartCommands {

    private final CommandHandler handler;

    public CartCommands(CommandHandler handler) {
        this.handler = handler;
    }

    /** @param add builds the command from the product's state, which only this class can load */
    public Uni<CommandOutcome> addToCart(
            CommandRequest request, CustomerId customer, ProductId productId, Function<Product, AddToCart> add) {
        UUID cart = CartId.forCustomer(customer).value();
        return handler.run(request, work -> work.load(ProductDecider.DECIDER, productId.value())
                .chain(product -> work.load(CartDecider.DECIDER, cart).map(state -> {
                    requireExpectedVersion(request, cart, work.versionOf(cart));
                    work.record(CartDecider.DECIDER, cart, accepted(CartDecider.decide(add.apply(product), state)));
                    return Primary.of(cart);
                })));
    }

    public Uni<CommandOutcome> handle(CommandRequest request, CartCommand command) {
        return handler.handle(request, CartDecider.DECIDER, CartId.forCustomer(command.customerId()).value(), command);
    }
}
