package org.cqrsshop.query.product.graphql;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigInteger;
import org.cqrsshop.common.money.CurrencyCode;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.product.ProductCriteria;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ProductFilter")
@Description("Conditions a product must all meet. Leave out the ones you do not need.")
public record ProductFilter(
        @Description("Only this category, spelled exactly") String category,
        // BigInteger, not Long: SmallRye narrows a BigInteger argument to a Long with longValue(), wrapping past 2^63.
        @PositiveOrZero @Description("Lowest price in minor units, inclusive") BigInteger minPriceMinor,
        @PositiveOrZero @Description("Highest price in minor units, inclusive") BigInteger maxPriceMinor,
        @Description("Only products priced in this ISO 4217 currency, such as EUR") String currency,
        @Description("true: only products in stock; false: only sold-out ones") Boolean inStock,
        @DefaultValue("false") @Description("Whether deleted products are listed too") boolean includeDeleted,
        @Size(max = MAX_SEARCH_LENGTH)
        @Description("Text that the name, SKU or description contains, in any letter case; taken literally, not as a pattern")
        String search) {

    public static final int MAX_SEARCH_LENGTH = 100;

    /**
     * The conditions, checked.
     *
     * @throws InvalidInput for a currency that does not exist or a price range that is empty
     */
    ProductCriteria criteria() {
        // Checked here rather than with @Max, which would add a directive to the subgraph's schema.
        if (minPriceMinor != null && minPriceMinor.bitLength() > 63) {
            throw new InvalidInput("filter.minPriceMinor", "must be at most " + Long.MAX_VALUE);
        }
        if (maxPriceMinor != null && maxPriceMinor.bitLength() > 63) {
            throw new InvalidInput("filter.maxPriceMinor", "must be at most " + Long.MAX_VALUE);
        }
        if (minPriceMinor != null && maxPriceMinor != null && minPriceMinor.compareTo(maxPriceMinor) > 0) {
            throw new InvalidInput("filter.maxPriceMinor", "must not be below minPriceMinor");
        }
        return new ProductCriteria(category,
                minPriceMinor == null ? null : minPriceMinor.longValueExact(),
                maxPriceMinor == null ? null : maxPriceMinor.longValueExact(),
                currency == null ? null : currencyCode(), inStock, includeDeleted, search);
    }

    private String currencyCode() {
        try {
            return CurrencyCode.of(currency).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("filter.currency", "must be an ISO 4217 currency code such as EUR");
        }
    }
}
