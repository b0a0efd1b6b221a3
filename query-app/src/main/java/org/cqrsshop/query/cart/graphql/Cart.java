package org.cqrsshop.query.cart.graphql;

import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cqrsshop.query.cart.CartLineView;
import org.cqrsshop.query.cart.CartView;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.graphql.MoneyAmount;
import org.cqrsshop.query.product.graphql.Product;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Cart")
// Resolvable by the version a mutation wrote, so that the gateway reads one's own write (docs/federation.md).
@Key(fields = @FieldSet("id version"))
@Description("A customer's cart, priced at the catalogue's current prices; a cart keeps no prices of its own."
        + " A customer who never used the cart has an empty one at version 0.")
public record Cart(
        @NonNull @Id String id,
        @NonNull @Id String customerId,
        @Description("The version of the last cart event applied; 0 for a cart never used") int version,
        @Description("Units over all lines") int itemCount,
        @Description("When the cart last changed; null for a cart never used") Instant updatedAt,
        @Id @Description("The order the cart last became at checkout, if any") String lastOrderId,
        @NonNull @Description("In the order products were first added") List<@NonNull CartLine> lines,
        @NonNull
        @Description("The sum of the line totals, one amount per currency, by currency code. Lines whose product is"
                + " unknown are left out; a deleted product keeps its last price, though checkout refuses it.")
        List<@NonNull MoneyAmount> subtotal) {

    /**
     * @param view the stored cart, or {@code null} for a customer who never used it
     * @param products the current views of the cart's products, by id; unknown ones are absent
     */
    static Cart of(String cartId, String customerId, CartView view, Map<String, ProductView> products) {
        if (view == null) {
            return new Cart(cartId, customerId, 0, 0, null, null, List.of(), List.of());
        }
        List<CartLine> lines = view.lines.stream().map(line -> line(line, products.get(line.productId))).toList();
        Map<String, Long> subtotalByCurrency = new TreeMap<>();
        lines.stream().map(CartLine::lineTotal).filter(Objects::nonNull)
                .forEach(total -> subtotalByCurrency.merge(total.currency(), total.amountMinor(), Math::addExact));
        List<MoneyAmount> subtotal = subtotalByCurrency.entrySet().stream()
                .map(sum -> new MoneyAmount(sum.getValue(), sum.getKey()))
                .toList();
        return new Cart(cartId, customerId, Math.toIntExact(view.version), view.itemCount, view.updatedAt,
                view.lastOrderId, lines, subtotal);
    }

    /** The products a stored cart names, to price it with. */
    static List<String> productIds(CartView view) {
        return view == null ? List.of() : view.lines.stream().map(line -> line.productId).toList();
    }

    private static CartLine line(CartLineView line, ProductView product) {
        if (product == null) {
            return new CartLine(line.productId, line.quantity, null, null);
        }
        MoneyAmount lineTotal = new MoneyAmount(Math.multiplyExact(product.priceAmountMinor, line.quantity),
                product.priceCurrency);
        return new CartLine(line.productId, line.quantity, Product.of(product), lineTotal);
    }
}
