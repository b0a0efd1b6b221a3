package org.cqrsshop.query.product;

/**
 * Conditions a product view must all meet; a {@code null} condition is left out.
 *
 * @param minPriceMinor lowest price in minor units, inclusive
 * @param maxPriceMinor highest price in minor units, inclusive
 * @param currency an ISO 4217 code, already checked
 * @param inStock {@code true}: in stock only; {@code false}: sold out only
 * @param search text the name, SKU or description contains, in any letter case, taken literally
 */
public record ProductCriteria(
        String category,
        Long minPriceMinor,
        Long maxPriceMinor,
        String currency,
        Boolean inStock,
        boolean includeDeleted,
        String search) {

    public static final ProductCriteria LIVE = new ProductCriteria(null, null, null, null, null, false, null);
}
