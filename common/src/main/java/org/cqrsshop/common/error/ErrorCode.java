package org.cqrsshop.common.error;

/**
 * The one set of {@code extensions.code} values that either app's GraphQL API can return.
 * {@code docs/errors.md} documents each code, and a test keeps the two in step.
 */
public enum ErrorCode {
    /** The request is malformed: a wrong type, a missing or out-of-range field, an unparseable query. */
    VALIDATION_FAILED,
    /** The aggregate or view the request names does not exist. */
    NOT_FOUND,
    /** The stream moved past the version the request expected; reload and retry. */
    CONCURRENCY_CONFLICT,
    /** A product with this id already exists. */
    PRODUCT_ALREADY_EXISTS,
    /** The product was deleted and accepts no further commands. */
    PRODUCT_DELETED,
    /** Something failed on our side; the message says nothing more, the server log does. */
    INTERNAL
}
