package org.cqrsshop.command.product;

import java.util.Map;
import org.cqrsshop.command.decider.Rejection;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.common.id.ProductId;

/** Why a product refuses a command. */
public sealed interface ProductRejection extends Rejection {

    record AlreadyExists(ProductId productId) implements ProductRejection {
        public ErrorCode code() {
            return ErrorCode.PRODUCT_ALREADY_EXISTS;
        }

        public String message() {
            return "product " + productId + " already exists";
        }
    }

    record NotFound(ProductId productId) implements ProductRejection {
        public ErrorCode code() {
            return ErrorCode.NOT_FOUND;
        }

        public String message() {
            return "product " + productId + " does not exist";
        }
    }

    record AlreadyDeleted(ProductId productId) implements ProductRejection {
        public ErrorCode code() {
            return ErrorCode.PRODUCT_DELETED;
        }

        public String message() {
            return "product " + productId + " was deleted";
        }
    }

    record InsufficientStock(ProductId productId, int requested, int available) implements ProductRejection {
        public ErrorCode code() {
            return ErrorCode.INSUFFICIENT_STOCK;
        }

        public String message() {
            return "product " + productId + " has " + available + " units available, not " + requested;
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("productId", productId.toString(), "requested", requested, "available", available);
        }
    }

    record StockLimitExceeded(ProductId productId, int limit) implements ProductRejection {
        public ErrorCode code() {
            return ErrorCode.VALIDATION_FAILED;
        }

        public String message() {
            return "product " + productId + " cannot hold more than " + limit + " units";
        }
    }
}
