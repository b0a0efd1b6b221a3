package org.cqrsshop.command.order.graphql;

import java.util.Map;
import org.cqrsshop.command.graphql.MoneyAmount;
import org.cqrsshop.command.graphql.WrittenEntities.OrderWritten;
import org.cqrsshop.command.handling.CommandOutcome;
import org.cqrsshop.command.order.application.OrderCommands;
import org.cqrsshop.common.money.Money;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("PlacedOrder")
@Description("A new order: its id, version and position like any CommandResult, and what to tell the customer.")
public record PlacedOrder(
        @NonNull @Id String id,
        int version,
        long position,
        @NonNull @Description("The number to quote to the customer, e.g. CS-2026-000042") String orderNumber,
        @NonNull @Description("What the customer pays, at the prices captured when the order was placed") MoneyAmount total,
        @NonNull @Description("The order; through the gateway, as the read side shows it, at least at this version")
        OrderWritten order) {

    static PlacedOrder of(CommandOutcome outcome) {
        Map<String, String> placed = outcome.attributes();
        Money total = Money.of(Long.parseLong(placed.get(OrderCommands.TOTAL_AMOUNT)), placed.get(OrderCommands.TOTAL_CURRENCY));
        String id = outcome.streamId().toString();
        int version = Math.toIntExact(outcome.version());
        return new PlacedOrder(id, version, outcome.position(), placed.get(OrderCommands.ORDER_NUMBER), MoneyAmount.of(total),
                new OrderWritten(id, version));
    }
}
