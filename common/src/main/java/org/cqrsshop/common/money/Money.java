package org.cqrsshop.common.money;

import java.util.Objects;

/**
 * An amount of money in integer minor units (cents for EUR) of one currency.
 *
 * <p>Amounts are never doubles: every arithmetic step is exact and overflows loudly. Operations
 * that mix currencies are refused rather than converted.
 */
public record Money(long amountMinor, CurrencyCode currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, CurrencyCode.of(currency));
    }

    public static Money zero(CurrencyCode currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amountMinor, factor), currency);
    }

    /** Not named {@code isNegative}: JSON mappers would take that for a property. */
    public boolean belowZero() {
        return amountMinor < 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "cannot combine " + currency + " with " + other.currency);
        }
    }
}
