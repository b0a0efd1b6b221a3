package org.cqrsshop.command.order;

import java.util.Map;
import org.cqrsshop.command.decider.Rejection;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.event.order.OrderStatus;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.money.Money;

/** Why an order refuses a command. */
public sealed interface OrderRejection extends Rejection {

    record AlreadyExists(OrderId orderId) implements OrderRejection {
        public ErrorCode code() {
            return ErrorCode.ORDER_ALREADY_EXISTS;
        }

        public String message() {
            return "order " + orderId + " already exists";
        }
    }

    record NotFound(OrderId orderId) implements OrderRejection {
        public ErrorCode code() {
            return ErrorCode.NOT_FOUND;
        }

        public String message() {
            return "order " + orderId + " does not exist";
        }
    }

    /** @param requested the status asked for, or the name of an action that the status forbids */
    record InvalidTransition(OrderId orderId, OrderStatus from, String requested) implements OrderRejection {
        public ErrorCode code() {
            return ErrorCode.INVALID_STATE_TRANSITION;
        }

        public String message() {
            return "order " + orderId + " is " + from + " and cannot go to " + requested;
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("from", from.name(), "requested", requested);
        }
    }

    record CurrencyMismatch(OrderId orderId) implements OrderRejection {
        public ErrorCode code() {
            return ErrorCode.CURRENCY_MISMATCH;
        }

        public String message() {
            return "the products of order " + orderId + " are priced in more than one currency";
        }
    }

    record PriceChanged(OrderId orderId, Money expectedTotal, Money actualTotal) implements OrderRejection {
        public ErrorCode code() {
            return ErrorCode.PRICE_CHANGED;
        }

        public String message() {
            return "the order total is " + actualTotal.amountMinor() + " " + actualTotal.currency()
                    + " at current prices, not the expected " + expectedTotal.amountMinor() + " " + expectedTotal.currency();
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("expectedTotal", money(expectedTotal), "actualTotal", money(actualTotal));
        }

        private static Map<String, Object> money(Money money) {
            return Map.of("amountMinor", money.amountMinor(), "currency", money.currency().value());
        }
    }
}
