package org.cqrsshop.query.product.graphql;

import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;
import java.time.Instant;
import org.cqrsshop.query.graphql.MoneyAmount;
import org.cqrsshop.query.product.ProductView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Product")
// Resolvable by the version a mutation wrote, so that the gateway reads one's own write (docs/federation.md).
@Key(fields = @FieldSet("id version"))
@Description("A product as the read model last saw it. `version` is the version of the last event applied.")
public record Product(
        @NonNull @Id String id,
        @NonNull String sku,
        @NonNull String name,
        @NonNull String description,
        @NonNull MoneyAmount price,
        @NonNull String category,
        int stockQuantity,
        @Description("Deleted products stay readable by id, and are left out of lists") boolean deleted,
        int version,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt,
        Instant deletedAt) {

    public static Product of(ProductView view) {
        return new Product(view.id, view.sku, view.name, view.description,
                new MoneyAmount(view.priceAmountMinor, view.priceCurrency), view.category, view.stockQuantity,
                view.deleted, Math.toIntExact(view.version), view.createdAt, view.updatedAt, view.deletedAt);
    }
}
