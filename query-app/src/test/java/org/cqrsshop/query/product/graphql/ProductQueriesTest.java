package org.cqrsshop.query.product.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.cqrsshop.query.cache.ViewCache;
import org.cqrsshop.query.feed.FakeEventFeedResource;
import org.cqrsshop.query.paging.Cursor;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.query.projection.Projections;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.cqrsshop.testing.Patience;
import org.cqrsshop.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Product reads over HTTP, from views stored in MongoDB. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb,redis"))
// The same resources in every test class of this module: one app for all (see FakeEventFeedResource).
@WithTestResource(FakeEventFeedResource.class)
class ProductQueriesTest {

    private static final String PAGE = "{ totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }";
    private static final Instant T0 = ProductEvents.T0;

    @Inject
    ProductViewRepository views;

    // These tests write views straight to MongoDB, past the projections that would invalidate the cache.
    @Inject
    ViewCache cache;

    @BeforeEach
    void emptyCatalogue() {
        views.deleteAll().await().atMost(Patience.SERVICE);
        cache.invalidateAll().await().atMost(Patience.SERVICE);
    }

    // product(id, minVersion)

    @Test
    void a_product_reads_with_every_field_and_its_version() {
        ProductId mug = store("Mug", false);

        JsonPath response = query("{ product(id: \"" + mug + "\") { id sku name description price { amountMinor currency }"
                + " category stockQuantity deleted version createdAt updatedAt deletedAt } }");

        Map<String, Object> expected = new HashMap<>();
        expected.put("id", mug.toString());
        expected.put("sku", "SKU-" + mug.toString().substring(0, 8));
        expected.put("name", "Mug");
        expected.put("description", "desc");
        expected.put("price", Map.of("amountMinor", 1299, "currency", "EUR"));
        expected.put("category", "kitchen");
        expected.put("stockQuantity", 7);
        expected.put("deleted", false);
        expected.put("version", 1);
        expected.put("createdAt", "2026-11-24T09:00:01Z");
        expected.put("updatedAt", "2026-11-24T09:00:01Z");
        expected.put("deletedAt", null);
        assertThat(response.getMap("data.product")).isEqualTo(expected);
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void a_deleted_product_still_reads_by_id() {
        ProductId ashtray = store("Ashtray", true);

        JsonPath response = query("{ product(id: \"" + ashtray + "\") { deleted version deletedAt } }");

        assertThat(response.getMap("data.product"))
                .isEqualTo(Map.of("deleted", true, "version", 2, "deletedAt", "2026-11-24T09:00:02Z"));
    }

    @Test
    void an_unknown_product_is_not_found_and_a_malformed_id_is_invalid() {
        assertThat(code(query("{ product(id: \"" + ProductId.random() + "\") { id } }"))).isEqualTo("NOT_FOUND");
        JsonPath malformed = query("{ product(id: \"mug\") { id } }");
        assertThat(code(malformed)).isEqualTo("VALIDATION_FAILED");
        assertThat(malformed.getString("errors[0].extensions.violations[0].field")).isEqualTo("id");
        assertThat(malformed.getString("errors[0].extensions.violations[0].message")).isEqualTo("must be a UUID");
    }

    @Test
    void a_product_behind_the_asked_version_is_lagging_with_both_versions() {
        ProductId mug = store("Mug", false);

        JsonPath response = query("{ product(id: \"" + mug + "\", minVersion: 2) { id } }");

        assertThat(code(response)).isEqualTo("READ_MODEL_LAGGING");
        assertThat(response.getInt("errors[0].extensions.requestedVersion")).isEqualTo(2);
        assertThat(response.getInt("errors[0].extensions.currentVersion")).isEqualTo(1);
        assertThat(response.getString("data.product")).isNull();
    }

    @Test
    void a_product_the_read_model_has_not_seen_is_lagging_at_version_0_when_a_version_is_asked_for() {
        JsonPath response = query("{ product(id: \"" + ProductId.random() + "\", minVersion: 1) { id } }");

        assertThat(code(response)).isEqualTo("READ_MODEL_LAGGING");
        assertThat(response.getInt("errors[0].extensions.requestedVersion")).isEqualTo(1);
        assertThat(response.getInt("errors[0].extensions.currentVersion")).isEqualTo(0);
    }

    @Test
    void a_product_at_or_past_the_asked_version_reads_at_once() {
        ProductId ashtray = store("Ashtray", true);

        JsonPath response = query("{ product(id: \"" + ashtray + "\", minVersion: 1) { version } }");

        assertThat(response.getInt("data.product.version")).isEqualTo(2);
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void a_query_waiting_for_a_version_returns_the_write_that_lands_meanwhile() throws Exception {
        ProductId mug = ProductId.random();
        List<EventEnvelope> stream = List.of(ProductEvents.created(mug, "Mug"), ProductEvents.renamed(mug, 2, "Big mug"));
        persist(Projections.fold(ProductProjection.INSTANCE, stream.subList(0, 1)));
        CompletableFuture<Void> lateWrite = persistLater(Projections.fold(ProductProjection.INSTANCE, stream));

        JsonPath response = query("{ product(id: \"" + mug + "\", minVersion: 2) { name version price { amountMinor } } }");

        lateWrite.get(Patience.SERVICE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.getMap("data.product"))
                .isEqualTo(Map.of("name", "Big mug", "version", 2, "price", Map.of("amountMinor", 1499)));
        assertThat(response.getList("errors")).isNull();
    }

    @Test
    void a_negative_min_version_is_invalid() {
        assertThat(code(query("{ product(id: \"" + ProductId.random() + "\", minVersion: -1) { id } }")))
                .isEqualTo("VALIDATION_FAILED");
    }

    // productBySku(sku)

    @Test
    void a_product_reads_by_its_sku_in_any_letter_case() {
        ProductId knife = store(item(1, "KN-001a", "Chef Knife"));

        assertThat(query("{ productBySku(sku: \"kn-001A\") { id sku } }").getMap("data.productBySku"))
                .isEqualTo(Map.of("id", knife.toString(), "sku", "KN-001a"));
    }

    @Test
    void the_sku_of_a_deleted_product_belongs_to_the_live_product_that_took_it_over() {
        store(item(1, "KN-001", "Old Knife").thenDeleted());
        ProductId successor = store(item(2, "kn-001", "New Knife"));

        assertThat(query("{ productBySku(sku: \"KN-001\") { id } }").getString("data.productBySku.id"))
                .isEqualTo(successor.toString());
    }

    @Test
    void a_sku_that_only_a_deleted_product_had_is_not_found() {
        store(item(1, "KN-001", "Old Knife").thenDeleted());

        JsonPath response = query("{ productBySku(sku: \"KN-001\") { id } }");

        assertThat(code(response)).isEqualTo("NOT_FOUND");
    }

    @Test
    void a_sku_is_matched_whole_and_literally_never_as_a_pattern() {
        store(item(1, "KN-001", "Chef Knife"));

        assertThat(code(query("{ productBySku(sku: \"KN-00\") { id } }"))).isEqualTo("NOT_FOUND");
        assertThat(code(query("{ productBySku(sku: \"KN.001\") { id } }"))).isEqualTo("NOT_FOUND");
        assertThat(code(query("{ productBySku(sku: \"KN-.*\") { id } }"))).isEqualTo("NOT_FOUND");
        assertThat(code(query("{ productBySku(sku: \"" + "K".repeat(101) + "\") { id } }"))).isEqualTo("VALIDATION_FAILED");
    }

    // products(filter, sort, first, after): filters

    @Test
    void without_a_filter_every_live_product_is_listed_by_name() {
        storeFilterFixture();

        JsonPath page = products("");

        assertThat(ids(page)).containsExactly(breadKnife, chefKnife, gardenHose, plantPot, wateringCan);
        assertThat(page.getInt("data.products.totalCount")).isEqualTo(5);
        assertThat(page.getBoolean("data.products.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void deleted_products_are_listed_only_when_asked_for() {
        storeFilterFixture();

        assertThat(ids(products("filter: { includeDeleted: true }")))
                .containsExactly(breadKnife, chefKnife, gardenHose, oldKnife, plantPot, wateringCan);
        assertThat(ids(products("filter: { includeDeleted: false }")))
                .containsExactly(breadKnife, chefKnife, gardenHose, plantPot, wateringCan);
    }

    @Test
    void the_category_filter_matches_exactly() {
        storeFilterFixture();

        assertThat(ids(products("filter: { category: \"kitchen\" }"))).containsExactly(breadKnife, chefKnife);
        assertThat(ids(products("filter: { category: \"Kitchen\" }"))).isEmpty();
        assertThat(ids(products("filter: { category: \"kitchen\", includeDeleted: true }")))
                .containsExactly(breadKnife, chefKnife, oldKnife);
    }

    @Test
    void the_price_bounds_are_inclusive_and_the_currency_narrows_them() {
        storeFilterFixture();

        assertThat(ids(products("filter: { minPriceMinor: 3000 }"))).containsExactly(breadKnife, chefKnife, gardenHose);
        assertThat(ids(products("filter: { maxPriceMinor: 3000 }")))
                .containsExactly(breadKnife, gardenHose, plantPot, wateringCan);
        assertThat(ids(products("filter: { minPriceMinor: 3000, maxPriceMinor: 3000 }")))
                .containsExactly(breadKnife, gardenHose);
        assertThat(ids(products("filter: { minPriceMinor: 3000, maxPriceMinor: 3000, currency: \"EUR\" }")))
                .containsExactly(breadKnife);
        assertThat(ids(products("filter: { currency: \"USD\" }"))).containsExactly(gardenHose);
    }

    @Test
    void the_stock_filter_splits_products_in_stock_from_sold_out_ones() {
        storeFilterFixture();

        assertThat(ids(products("filter: { inStock: true }"))).containsExactly(chefKnife, gardenHose, plantPot, wateringCan);
        assertThat(ids(products("filter: { inStock: false }"))).containsExactly(breadKnife);
    }

    @Test
    void the_search_finds_text_in_name_sku_or_description_in_any_letter_case() {
        storeFilterFixture();

        JsonPath byName = products("filter: { search: \"KNIFE\" }");
        assertThat(ids(byName)).containsExactly(breadKnife, chefKnife, plantPot);
        assertThat(byName.getInt("data.products.totalCount")).isEqualTo(3);
        assertThat(ids(products("filter: { search: \"kn-00\" }"))).containsExactly(breadKnife, chefKnife);
        assertThat(ids(products("filter: { search: \"terracotta\" }"))).containsExactly(plantPot);
    }

    @Test
    void the_search_takes_pattern_characters_literally() {
        storeFilterFixture();

        assertThat(ids(products("filter: { search: \"(very)\" }"))).containsExactly(chefKnife);
        assertThat(ids(products("filter: { search: \".\" }"))).containsExactly(gardenHose);
        assertThat(ids(products("filter: { search: \".*\" }"))).isEmpty();
        assertThat(ids(products("filter: { search: \"[\" }"))).isEmpty();
        assertThat(ids(products("filter: { search: \"\\\\E.*\\\\Q\" }"))).isEmpty();
    }

    @Test
    void filters_combine_so_that_a_product_must_meet_them_all() {
        storeFilterFixture();

        JsonPath page = products("filter: { category: \"kitchen\", inStock: true, search: \"knife\", currency: \"EUR\" }");

        assertThat(ids(page)).containsExactly(chefKnife);
        assertThat(page.getInt("data.products.totalCount")).isEqualTo(1);
    }

    @Test
    void filters_that_make_no_sense_are_invalid() {
        assertInvalid(products("filter: { minPriceMinor: 2000, maxPriceMinor: 1999 }"), "filter.maxPriceMinor");
        assertInvalid(products("filter: { currency: \"EURO\" }"), "filter.currency");
        assertInvalid(products("filter: { search: \"" + "a".repeat(101) + "\" }"), "filter.search");
        assertInvalid(products("filter: { minPriceMinor: -1 }"), "filter.minPriceMinor");
    }

    // products: sorting

    @Test
    void products_sort_by_name_price_creation_and_update_both_ways_with_ties_broken_by_id() {
        storeSortFixture();

        assertThat(allPages("NAME", "ASC")).containsExactly(id(2), id(5), id(4), id(1), id(3));
        assertThat(allPages("NAME", "DESC")).containsExactly(id(3), id(1), id(4), id(5), id(2));
        assertThat(allPages("PRICE", "ASC")).containsExactly(id(1), id(3), id(4), id(2), id(5));
        assertThat(allPages("PRICE", "DESC")).containsExactly(id(5), id(2), id(4), id(3), id(1));
        assertThat(allPages("CREATED", "ASC")).containsExactly(id(2), id(3), id(1), id(4), id(5));
        assertThat(allPages("CREATED", "DESC")).containsExactly(id(5), id(4), id(1), id(3), id(2));
        assertThat(allPages("UPDATED", "ASC")).containsExactly(id(1), id(3), id(4), id(5), id(2));
        assertThat(allPages("UPDATED", "DESC")).containsExactly(id(2), id(5), id(4), id(3), id(1));
    }

    @Test
    void one_page_holds_the_same_order_as_many() {
        storeSortFixture();

        assertThat(ids(products("sort: { field: PRICE, direction: DESC }, first: 100")))
                .containsExactly(id(5), id(2), id(4), id(3), id(1));
        assertThat(ids(products("sort: { field: PRICE }"))).containsExactly(id(1), id(3), id(4), id(2), id(5));
        assertThat(ids(products("sort: { direction: DESC }"))).containsExactly(id(3), id(1), id(4), id(5), id(2));
    }

    // products: paging

    @Test
    void pages_walk_the_live_products_by_name_without_repeats_or_holes() {
        List<String> names = List.of("Bowl", "Cup", "Jug", "Mug", "Plate");
        for (String name : names) {
            store(name, false);
        }
        store("Ashtray", true);

        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            String afterArgument = after == null ? "" : ", after: \"" + after + "\"";
            JsonPath page = query("{ products(first: 2" + afterArgument + ") { totalCount edges { cursor node { name } }"
                    + " pageInfo { hasNextPage endCursor } } }");
            assertThat(page.getInt("data.products.totalCount")).isEqualTo(5);
            seen.addAll(page.getList("data.products.edges.node.name"));
            more = page.getBoolean("data.products.pageInfo.hasNextPage");
            after = page.getString("data.products.pageInfo.endCursor");
        }
        assertThat(seen).containsExactlyElementsOf(names);
    }

    @Test
    void every_edge_cursor_continues_right_after_its_product() {
        storeSortFixture();
        JsonPath firstPage = products("sort: { field: CREATED }");

        String secondCursor = firstPage.getString("data.products.edges[1].cursor");

        assertThat(ids(products("sort: { field: CREATED }, after: \"" + secondCursor + "\"")))
                .containsExactly(id(1), id(4), id(5));
    }

    @Test
    void a_filtered_list_pages_with_its_total() {
        storeFilterFixture();

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = products("filter: { maxPriceMinor: 3000 }, sort: { field: PRICE, direction: DESC }, first: 1"
                    + (after == null ? "" : ", after: \"" + after + "\""));
            assertThat(page.getInt("data.products.totalCount")).isEqualTo(4);
            seen.addAll(ids(page));
            after = page.getBoolean("data.products.pageInfo.hasNextPage")
                    ? page.getString("data.products.pageInfo.endCursor") : null;
        } while (after != null);

        // 3000 EUR and 3000 USD tie on the amount, so the higher id comes first.
        assertThat(seen).containsExactly(gardenHose, breadKnife, wateringCan, plantPot);
    }

    @Test
    void products_written_while_paging_never_repeat_or_hide_those_listed_before() {
        List<String> before = new ArrayList<>();
        for (String name : List.of("B", "D", "F", "H", "J", "L")) {
            before.add(store(item(before.size() + 1, "SKU-" + name, name)).toString());
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        int round = 0;
        do {
            JsonPath page = products("first: 2" + (after == null ? "" : ", after: \"" + after + "\""));
            seen.addAll(ids(page));
            after = page.getBoolean("data.products.pageInfo.hasNextPage")
                    ? page.getString("data.products.pageInfo.endCursor") : null;
            // Between the first pages: new products before, between and after those listed, and changes to listed ones.
            // (New products past the cursor on every page would never let it end.)
            round++;
            assertThat(round).as("pages").isLessThan(20);
            if (round <= 3) {
                store(item(100 + round, "NEW-A" + round, "A" + round));
                store(item(200 + round, "NEW-E" + round, "E" + round));
                store(item(300 + round, "NEW-Z" + round, "Z" + round));
                restock(ProductId.of(before.get(round % before.size())), 50 + round);
                restock(ProductId.of(before.get((round + 3) % before.size())), 60 + round);
            }
        } while (after != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(before::contains).toList()).containsExactlyElementsOf(before);
    }

    @Test
    void page_size_and_cursor_are_checked() {
        assertThat(code(query("{ products(first: 101) { totalCount } }"))).isEqualTo("VALIDATION_FAILED");
        assertThat(code(query("{ products(first: 0) { totalCount } }"))).isEqualTo("VALIDATION_FAILED");
        assertInvalid(query("{ products(after: \"bm90LWEtY3Vyc29y\") { totalCount } }"), "after");
        assertInvalid(query("{ products(after: \"%%%\") { totalCount } }"), "after");
    }

    @Test
    void a_cursor_works_only_with_the_sort_it_was_issued_for() {
        storeSortFixture();
        String byPrice = products("sort: { field: PRICE }, first: 2").getString("data.products.pageInfo.endCursor");

        assertInvalid(products("sort: { field: PRICE, direction: DESC }, after: \"" + byPrice + "\""), "after");
        assertInvalid(products("sort: { field: NAME }, after: \"" + byPrice + "\""), "after");
        assertInvalid(products("after: \"" + byPrice + "\""), "after");
        assertThat(ids(products("sort: { field: PRICE }, after: \"" + byPrice + "\"")))
                .containsExactly(id(4), id(2), id(5));
    }

    @Test
    void a_forged_cursor_with_a_value_of_the_wrong_type_is_invalid() {
        storeSortFixture();
        String forged = Cursor.encode(List.of("products:PRICE:ASC", "cheap", id(1)));
        String forgedId = Cursor.encode(List.of("products:PRICE:ASC", "900", "not-an-id"));

        assertInvalid(products("sort: { field: PRICE }, after: \"" + forged + "\""), "after");
        assertInvalid(products("sort: { field: PRICE }, after: \"" + forgedId + "\""), "after");
    }

    // categories

    @Test
    void categories_count_the_live_products_in_each_by_name() {
        storeFilterFixture();

        JsonPath response = query("{ categories { category productCount } }");

        assertThat(response.getList("data.categories")).isEqualTo(List.of(
                Map.of("category", "garden", "productCount", 3),
                Map.of("category", "kitchen", "productCount", 2)));
    }

    @Test
    void a_category_whose_products_are_all_deleted_is_not_listed() {
        store(item(1, "OLD-1", "Old Knife").thenDeleted());

        assertThat(query("{ categories { category productCount } }").getList("data.categories")).isEmpty();
    }

    // Fixtures

    private String breadKnife;
    private String chefKnife;
    private String gardenHose;
    private String oldKnife;
    private String plantPot;
    private String wateringCan;

    /** Six products: two live kitchen knives, one deleted, and three garden things (one priced in USD). */
    private void storeFilterFixture() {
        chefKnife = store(item(1, "KN-001", "Chef Knife").describedAs("Sharp (very) blade").price(4500, "EUR").stock(3))
                .toString();
        breadKnife = store(item(2, "KN-002", "Bread Knife").describedAs("Serrated").price(3000, "EUR").stock(0)).toString();
        gardenHose = store(item(3, "GH-1.5", "Garden Hose").describedAs("15 m").in("garden").price(3000, "USD").stock(10))
                .toString();
        oldKnife = store(item(4, "KN-000", "Old Knife").describedAs("Retired").price(1000, "EUR").stock(5).thenDeleted())
                .toString();
        plantPot = store(item(5, "PP-9", "Plant pot").describedAs("Terracotta; fits a knife block").in("garden")
                .price(500, "EUR").stock(2)).toString();
        wateringCan = store(item(6, "WC-1", "Watering Can").describedAs("Metal").in("garden").price(1500, "EUR").stock(1))
                .toString();
    }

    /**
     * Five products whose names, prices and times each order them differently; 1 and 3 tie on
     * price, 2 and 5 tie on price, and 4 and 5 tie on their update time.
     */
    private void storeSortFixture() {
        store(item(1, "S-1", "Mug").price(900, "EUR").created(hours(3)).updated(hours(3)));
        store(item(2, "S-2", "Bowl").price(10000, "EUR").created(hours(1)).updated(hours(6)));
        store(item(3, "S-3", "Plate").price(900, "EUR").created(hours(2)).updated(hours(4)));
        store(item(4, "S-4", "Jug").price(2500, "EUR").created(hours(4)).updated(hours(5)));
        store(item(5, "S-5", "Cup").price(10000, "EUR").created(hours(5)).updated(hours(5)));
    }

    private static Instant hours(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    /** Ids in a known order, so that ties broken by id have an order the test can state. */
    private static String id(int n) {
        return "00000000-0000-4000-8000-%012d".formatted(n);
    }

    private static Item item(int n, String sku, String name) {
        return new Item(ProductId.of(id(n)), sku, name, "desc", "kitchen", 1299, "EUR", 7, T0, T0, false);
    }

    /** A product as it should end up; its stream is made to match. */
    private record Item(
            ProductId id, String sku, String name, String description, String category, long price, String currency,
            int stock, Instant createdAt, Instant updatedAt, boolean deleted) {

        Item describedAs(String text) {
            return new Item(id, sku, name, text, category, price, currency, stock, createdAt, updatedAt, deleted);
        }

        Item in(String newCategory) {
            return new Item(id, sku, name, description, newCategory, price, currency, stock, createdAt, updatedAt, deleted);
        }

        Item price(long amountMinor, String newCurrency) {
            return new Item(id, sku, name, description, category, amountMinor, newCurrency, stock, createdAt, updatedAt,
                    deleted);
        }

        Item stock(int units) {
            return new Item(id, sku, name, description, category, price, currency, units, createdAt, updatedAt, deleted);
        }

        Item created(Instant at) {
            return new Item(id, sku, name, description, category, price, currency, stock, at, updatedAt, deleted);
        }

        Item updated(Instant at) {
            return new Item(id, sku, name, description, category, price, currency, stock, createdAt, at, deleted);
        }

        Item thenDeleted() {
            return new Item(id, sku, name, description, category, price, currency, stock, createdAt, updatedAt, true);
        }

        List<EventEnvelope> stream() {
            List<EventEnvelope> stream = new ArrayList<>();
            stream.add(at(1, createdAt, new ProductCreated(id, sku, name, description, Money.of(price, currency), category,
                    stock)));
            if (updatedAt.isAfter(createdAt)) {
                stream.add(at(2, updatedAt, new ProductStockAdjusted(id, 0, stock, "count")));
            }
            if (deleted) {
                stream.add(at(stream.size() + 1, updatedAt, new ProductDeleted(id, sku)));
            }
            return stream;
        }

        private EventEnvelope at(long version, Instant when, ProductEvent event) {
            return new EventEnvelope(UUID.randomUUID(), id.value(), EventTypes.PRODUCT_STREAM, version, 1000 + version,
                    when, UUID.randomUUID(), UUID.randomUUID(), null, event);
        }
    }

    private ProductId store(Item item) {
        persist(Projections.fold(ProductProjection.INSTANCE, item.stream()));
        return item.id();
    }

    private ProductId store(String name, boolean deleted) {
        ProductId id = ProductId.random();
        List<EventEnvelope> stream = deleted
                ? List.of(ProductEvents.created(id, name), ProductEvents.deleted(id, 2))
                : List.of(ProductEvents.created(id, name));
        persist(Projections.fold(ProductProjection.INSTANCE, stream));
        return id;
    }

    /** A stock count: a field no list sorts on, though it moves updatedAt. */
    private void restock(ProductId id, int units) {
        update(id, view -> {
            view.stockQuantity = units;
            view.version++;
        });
    }

    private void update(ProductId id, Consumer<ProductView> change) {
        ProductView view = views.findById(id.toString()).await().atMost(Patience.SERVICE);
        change.accept(view);
        views.update(view).await().atMost(Patience.SERVICE);
        cache.invalidate(EventTypes.PRODUCT_STREAM, view.id).await().atMost(Patience.SERVICE);
    }

    private void persist(ProductView view) {
        views.persist(view).await().atMost(Patience.SERVICE);
        cache.invalidate(EventTypes.PRODUCT_STREAM, view.id).await().atMost(Patience.SERVICE);
    }

    private CompletableFuture<Void> persistLater(ProductView view) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))
                .chain(() -> views.persistOrUpdate(view))
                .call(() -> cache.invalidate(EventTypes.PRODUCT_STREAM, view.id))
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    private List<String> allPages(String field, String direction) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonPath page = products("sort: { field: " + field + ", direction: " + direction + " }, first: 2"
                    + (after == null ? "" : ", after: \"" + after + "\""));
            assertThat(page.getList("errors")).isNull();
            assertThat(page.getInt("data.products.totalCount")).isEqualTo(5);
            seen.addAll(ids(page));
            after = page.getBoolean("data.products.pageInfo.hasNextPage")
                    ? page.getString("data.products.pageInfo.endCursor") : null;
        } while (after != null);
        return seen;
    }

    private static JsonPath products(String arguments) {
        return query("{ products" + (arguments.isEmpty() ? "" : "(" + arguments + ")") + " " + PAGE + " }");
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("data.products.edges.node.id");
    }

    private static void assertInvalid(JsonPath response, String field) {
        assertThat(code(response)).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getString("errors[0].extensions.violations[0].field")).isEqualTo(field);
    }

    private static String code(JsonPath response) {
        return response.getString("errors[0].extensions.code");
    }

    private static JsonPath query(String document) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("query", document))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
