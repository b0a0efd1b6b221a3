package org.cqrsshop.common.address;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where an order goes. Only the fields every carrier needs are required; {@code line2} and
 * {@code region} may be empty. The country is an ISO 3166-1 alpha-2 code such as {@code DE}.
 */
public record ShippingAddress(
        String recipient, String line1, String line2, String postalCode, String city, String region, String country) {

    public static final int MAX_FIELD_LENGTH = 200;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public ShippingAddress {
        requireText("recipient", recipient);
        requireText("line1", line1);
        line2 = optionalText("line2", line2);
        requireText("postalCode", postalCode);
        requireText("city", city);
        region = optionalText("region", region);
        Objects.requireNonNull(country, "country");
        if (!COUNTRIES.contains(country)) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code such as DE");
        }
    }

    private static void requireText(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_FIELD_LENGTH);
        }
    }

    private static String optionalText(String field, String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_FIELD_LENGTH);
        }
        return value;
    }
}
