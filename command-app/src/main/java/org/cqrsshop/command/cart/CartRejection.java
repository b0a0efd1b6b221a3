package org.cqrsshop.command.cart;

import java.util.Map;
import org.cqrsshop.command.decider.Rejection;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.id.ProductId;

/** Why a cart refuses a command. */
public sealed interface CartRejection extends Rejection {

    record ItemNotInCart(ProductId productId) implements CartRejection {
        public ErrorCode code() {
            return ErrorCode.ITEM_NOT_IN_CART;
        }

        public String message() {
            return "product " + productId + " is not in the cart";
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("productId", productId.toString());
        }
    }

    record CartEmpty() implements CartRejection {
        public ErrorCode code() {
            return ErrorCode.CART_EMPTY;
        }

        public String message() {
            return "the cart is empty";
        }
    }

    record LineLimitExceeded(ProductId productId, int limit) implements CartRejection {
        public ErrorCode code() {
            return ErrorCode.VALIDATION_FAILED;
        }

        public String message() {
            return "a cart line holds at most " + limit + " units of product " + productId;
        }
    }

    record TooManyLines(int limit) implements CartRejection {
        public ErrorCode code() {
            return ErrorCode.VALIDATION_FAILED;
        }

        public String message() {
            return "a cart holds at most " + limit + " different products";
        }
    }
}
