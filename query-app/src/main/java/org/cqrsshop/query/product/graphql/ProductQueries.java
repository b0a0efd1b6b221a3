package org.cqrsshop.query.product.graphql;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.freshness.VersionWait;
import org.cqrsshop.query.graphql.Ids;
import org.cqrsshop.query.graphql.ViewNotFound;
import org.cqrsshop.query.paging.Cursor.Keyset;
import org.cqrsshop.query.paging.Cursor.Position;
import org.cqrsshop.query.product.ProductCriteria;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Product reads, served from the MongoDB read model through the cache of hot reads (productBySku is not cached). */
@GraphQLApi
// The query-app speaks Federation 2 (docs/federation.md), with the directives it uses; one class says so for all.
@Link(url = Link.FEDERATION_SPEC_LATEST_URL, _import = {@Import(name = "@key"), @Import(name = "@shareable")})
public class ProductQueries {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_SKU_LENGTH = 100;
    /** Every query that takes minVersion describes it in these words. */
    public static final String MIN_VERSION = "The version a mutation returned: waits until the read model has caught up"
            + " with it, and fails with READ_MODEL_LAGGING if it does not in time";

    private final ProductViewRepository views;
    private final VersionWait freshness;
    private final ViewCache cache;

    public ProductQueries(ProductViewRepository views, VersionWait freshness, ViewCache cache) {
        this.views = views;
        this.freshness = freshness;
        this.cache = cache;
    }

    @Query
    @Description("One product by id, deleted or not. Fails with NOT_FOUND if the read model has never seen it.")
    public Uni<Product> product(
            @NotNull @Id String id,
            @PositiveOrZero @Description(MIN_VERSION) Integer minVersion) {
        String productId = Ids.uuid("id", id);
        Long wanted = minVersion == null ? null : minVersion.longValue();
        return cache.product(productId, wanted, () -> freshness.atLeast("product", productId, wanted,
                        () -> views.findById(productId)))
                .onItem().ifNull().failWith(() -> new ViewNotFound("product", productId))
                .map(Product::of);
    }

    /** The gateway's way in from a mutation's result (the key "id version"): read-your-writes across subgraphs. */
    @Resolver
    public Uni<Product> productAtVersion(@NotNull @Id String id, @PositiveOrZero int version) {
        return product(id, version);
    }

    @Query
    @Description("The product that is not deleted and has this SKU, in any letter case. Fails with NOT_FOUND if none has.")
    public Uni<Product> productBySku(@NotNull @Size(max = MAX_SKU_LENGTH) String sku) {
        return views.liveBySku(sku)
                .onItem().ifNull().failWith(() -> new ViewNotFound("product with SKU", sku))
                .map(Product::of);
    }

    @Query
    @NonNull
    @Description("Products that meet the filter (by default every product that is not deleted), in the order asked"
            + " for (by default by name), a page at a time (at most 100 per page).")
    public Uni<ProductConnection> products(
            @Valid ProductFilter filter,
            ProductSort sort,
            @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int first,
            @Description("The endCursor of the previous page, asked for with the same filter and sort") String after) {
        ProductCriteria criteria = filter == null ? ProductCriteria.LIVE : filter.criteria();
        Keyset<ProductView> keyset = (sort == null ? ProductSort.DEFAULT : sort).keyset();
        Position position = after == null ? null : keyset.position("after", after);
        String arguments = "filter=" + filter + ";sort=" + sort + ";first=" + first + ";after=" + after;
        return cache.productPage(arguments, () -> views.page(criteria, keyset, position, first))
                .map(found -> ProductConnection.of(found.items(), first, keyset, found.totalCount()));
    }

    @Query
    @NonNull
    @Description("Every category that holds a product that is not deleted, by name, with how many such products it holds.")
    public Uni<List<@NonNull CategoryCount>> categories() {
        return cache.categories(views::countPerCategory)
                .map(counts -> counts.stream().map(CategoryCount::of).toList());
    }

}
