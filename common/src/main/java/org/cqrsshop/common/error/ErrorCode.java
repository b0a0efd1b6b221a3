package org.cqrsshop.common.error;

/**
 * The one set of {@code extensions.code} values that either app's GraphQL API can return.
 * {@code docs/errors.md} documents each code, and a test keeps the two in step.
 */
public enum ErrorCode {
    /** The request is malformed: a wrong type, a missing or out-of-range field, an unparseable query. */
    VALIDATION_FAILED,
    /** The request has no bearer token where one is needed, or one that fails verification. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this: a role it lacks, or another customer's data. */
    FORBIDDEN,
    /** The aggregate or view the request names does not exist. */
    NOT_FOUND,
    /** The stream moved past the version the request expected; reload and retry. */
    CONCURRENCY_CONFLICT,
    /** A product with this id already exists. */
    PRODUCT_ALREADY_EXISTS,
    /** The product was deleted and accepts no further commands. */
    PRODUCT_DELETED,
    /** Another product already has this SKU (compared without regard to case). */
    DUPLICATE_SKU,
    /** Not enough stock: for an order, or for a stock adjustment that would go below zero. */
    INSUFFICIENT_STOCK,
    /** The product is not in the cart, or not in that quantity. */
    ITEM_NOT_IN_CART,
    /** An order from the cart was asked for, but the cart is empty. */
    CART_EMPTY,
    /** An order's lines are priced in more than one currency. */
    CURRENCY_MISMATCH,
    /** The order total differs from the expectedTotal the client showed the customer. */
    PRICE_CHANGED,
    /** An order with this id already exists. */
    ORDER_ALREADY_EXISTS,
    /** The order's status does not allow this change; docs/orders.md tables the allowed ones. */
    INVALID_STATE_TRANSITION,
    /** The idempotency key was used before with a different request. */
    IDEMPOTENCY_KEY_REUSED,
    /** The view has not reached the minVersion the query asked for within the wait timeout. */
    READ_MODEL_LAGGING,
    /** A read model rebuild is already running. */
    REBUILD_IN_PROGRESS,
    /** A subscription fell too far behind its notifications and was ended; resubscribe with afterVersion. */
    SUBSCRIBER_TOO_SLOW,
    /**
     * A subscription to many entities may have missed changes (the server lost track of them) and
     * was ended; read the list again, then subscribe again.
     */
    SUBSCRIPTION_INTERRUPTED,
    /** This server serves as many subscriptions as it is configured to. */
    TOO_MANY_SUBSCRIPTIONS,
    /**
     * A store the request needs cannot be reached just now; retry. A mutation cut off while it
     * committed may have taken effect: retry it with the same idempotencyKey.
     */
    UNAVAILABLE,
    /** Something failed on our side; the message says nothing more, the server log does. */
    INTERNAL
}
