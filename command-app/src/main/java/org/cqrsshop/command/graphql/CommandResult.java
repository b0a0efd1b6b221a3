package org.cqrsshop.command.graphql;

import org.cqrsshop.command.graphql.WrittenEntities.CartWritten;
import org.cqrsshop.command.graphql.WrittenEntities.OrderWritten;
import org.cqrsshop.command.graphql.WrittenEntities.ProductWritten;
import org.cqrsshop.command.handling.CommandOutcome;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommandResult")
@Description("The aggregate a mutation acted on, and its version afterwards. Pass the version as "
        + "expectedVersion to guard the next change. Through the gateway, the product, cart or order field reads the"
        + " aggregate from the read side, at least at this version.")
public record CommandResult(
        @NonNull @Id String id,
        int version,
        @Description("Global position of the last event the mutation appended; 0 when it changed nothing") long position,
        @Description("The product, for a product's mutation") ProductWritten product,
        @Description("The cart, for a cart's mutation") CartWritten cart,
        @Description("The order, for an order's mutation") OrderWritten order) {

    public static CommandResult ofProduct(CommandOutcome outcome) {
        return new CommandResult(id(outcome), version(outcome), outcome.position(),
                new ProductWritten(id(outcome), version(outcome)), null, null);
    }

    public static CommandResult ofCart(CommandOutcome outcome) {
        return new CommandResult(id(outcome), version(outcome), outcome.position(),
                null, new CartWritten(id(outcome), version(outcome)), null);
    }

    public static CommandResult ofOrder(CommandOutcome outcome) {
        return new CommandResult(id(outcome), version(outcome), outcome.position(),
                null, null, new OrderWritten(id(outcome), version(outcome)));
    }

    private static String id(CommandOutcome outcome) {
        return outcome.streamId().toString();
    }

    private static int version(CommandOutcome outcome) {
        return Math.toIntExact(outcome.version());
    }
}
