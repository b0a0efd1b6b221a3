package org.cqrsshop.command.product;

import java.util.Objects;
import java.util.regex.Pattern;
import org.cqrsshop.common.money.Money;

/**
 * What the catalogue says about a product, apart from its stock. Malformed details cannot be
 * built, so neither a command nor a state ever holds them.
 */
public record ProductDetails(String sku, String name, String description, Money price, String category) {

    public static final int MAX_SKU_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 5000;
    public static final int MAX_CATEGORY_LENGTH = 100;
    /**
     * Ten billion in major units: 100 lines of 999 units at this price still add up without
     * overflowing a long.
     */
    public static final long MAX_PRICE_MINOR = 999_999_999_999L;
    /** Letters, digits, dot, dash and underscore: SKUs end up in URLs, labels and spreadsheets. */
    public static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private static final Pattern SKU = Pattern.compile(SKU_PATTERN);

    public ProductDetails {
        requireValidSku(sku);
        requireValidName(name);
        requireValidDescription(description);
        requireValidPrice(price);
        requireValidCategory(category);
    }

    static void requireValidSku(String sku) {
        requireText("sku", sku, MAX_SKU_LENGTH);
        if (!SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("sku must match " + SKU_PATTERN);
        }
    }

    static void requireValidName(String name) {
        requireText("name", name, MAX_NAME_LENGTH);
    }

    static void requireValidDescription(String description) {
        Objects.requireNonNull(description, "description");
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION_LENGTH);
        }
    }

    static void requireValidPrice(Money price) {
        Objects.requireNonNull(price, "price");
        if (price.belowZero() || price.amountMinor() > MAX_PRICE_MINOR) {
            throw new IllegalArgumentException("price must be between 0 and " + MAX_PRICE_MINOR + " minor units");
        }
    }

    static void requireValidCategory(String category) {
        requireText("category", category, MAX_CATEGORY_LENGTH);
    }

    private static void requireText(String field, String value, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength);
        }
    }
}
