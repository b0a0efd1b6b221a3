package org.cqrsshop.common.money;

import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ISO 4217 alphabetic currency code such as {@code EUR}.
 *
 * <p>Only codes the JDK knows as currencies are accepted, so a typo like {@code EUROS} or an
 * invented {@code XYZ} never reaches an event.
 */
public record CurrencyCode(String value) {

    private static final Pattern THREE_UPPER_LETTERS = Pattern.compile("[A-Z]{3}");

    public CurrencyCode {
        Objects.requireNonNull(value, "currency code");
        if (!THREE_UPPER_LETTERS.matcher(value).matches() || !isKnown(value)) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + value);
        }
    }

    public static CurrencyCode of(String value) {
        return new CurrencyCode(value);
    }

    /** How many minor units make up one major unit: 2 for EUR (cents), 0 for JPY, 3 for BHD. */
    public int fractionDigits() {
        return Math.max(0, Currency.getInstance(value).getDefaultFractionDigits());
    }

    private static boolean isKnown(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
