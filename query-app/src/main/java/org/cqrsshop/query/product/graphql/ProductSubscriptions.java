package org.cqrsshop.query.product.graphql;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import jakarta.validation.constraints.PositiveOrZero;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.change.ChangeSubscriptions;
import org.cqrsshop.query.graphql.Ids;
import org.cqrsshop.query.graphql.Subscriptions;
import org.cqrsshop.query.product.ProductProjection;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;

/** Product changes as they reach the read model. */
@GraphQLApi
public class ProductSubscriptions {

    private final ChangeSubscriptions changes;

    public ProductSubscriptions(ChangeSubscriptions changes) {
        this.changes = changes;
    }

    @Subscription
    // Nullable: an ending error must travel as a result with null data, and a non-null field cannot carry one.
    @Description("The product at each version it reaches, in order, once the read model and the cache hold it: a query"
            + " made after a notification sees that version or a later one. Without an id, every product's changes"
            + " from now on.")
    public Multi<Product> productChanged(
            @Id @Description("The product to follow; all products when left out") String id,
            @PositiveOrZero @Description(Subscriptions.AFTER_VERSION + " Needs an id.") Integer afterVersion) {
        return Multi.createFrom().deferred(() -> {
            if (id == null) {
                if (afterVersion != null) {
                    throw new InvalidInput("afterVersion", "needs an id: resuming is per product");
                }
                return changes.all(ProductProjection.INSTANCE, change -> true).map(Product::of);
            }
            Long after = afterVersion == null ? null : afterVersion.longValue();
            return changes.entity(ProductProjection.INSTANCE, Ids.uuid("id", id), after).map(Product::of);
        });
    }
}
