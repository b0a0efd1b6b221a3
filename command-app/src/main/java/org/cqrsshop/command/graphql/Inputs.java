package org.cqrsshop.command.graphql;

import java.util.UUID;
import java.util.function.Supplier;
import org.cqrsshop.common.money.CurrencyCode;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.graphql.errors.InvalidInput;

/**
 * Turns raw GraphQL input values into domain values. A value the domain refuses becomes an
 * {@link InvalidInput} that names the field.
 */
public final class Inputs {

    /** The description every mutation's idempotencyKey field shares. */
    public static final String IDEMPOTENCY_KEY = "Any unique string (a UUID, say). A repeat of the same request with "
            + "the same key returns the first result and changes nothing; the key with a different request fails "
            + "with IDEMPOTENCY_KEY_REUSED";

    /** The description every customerId input shares. */
    public static final String CUSTOMER_ID = "The customer acted for (a UUID). A customer may leave it out, since "
            + "their token says who they are, and may name no one else (FORBIDDEN); an admin must give it";

    private Inputs() {}

    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput(field, "must be a UUID");
        }
    }

    /** As {@link #uuid}, for a field that may be left out: {@code null} stays {@code null}. */
    public static UUID optionalUuid(String field, String value) {
        return value == null ? null : uuid(field, value);
    }

    public static Money money(String field, MoneyInput input) {
        CurrencyCode currency;
        try {
            currency = CurrencyCode.of(input.currency());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput(field + ".currency", "must be an ISO 4217 currency code such as EUR");
        }
        return new Money(input.amountMinor().longValueExact(), currency);
    }

    /** Builds a domain value, reporting its own refusal as invalid input at {@code field}. */
    public static <T> T build(String field, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput(field, e.getMessage());
        }
    }
}
