package org.cqrsshop.query.product.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.query.product.ProductEvents;
import org.cqrsshop.query.product.ProductProjection;
import org.cqrsshop.query.product.ProductView;
import org.cqrsshop.query.product.ProductViewRepository;
import org.cqrsshop.query.product.ProjectionStep;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Product reads over HTTP, from views stored in MongoDB. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "rabbitmq,mongodb"))
class ProductQueriesTest {

    @Inject
    ProductViewRepository views;

    @BeforeEach
    void emptyCatalogue() {
        views.deleteAll().await().atMost(Duration.ofSeconds(5));
    }

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
    void an_unknown_product_is_not_found_and_a_malformed_id_is_invalid() {
        assertThat(query("{ product(id: \"" + ProductId.random() + "\") { id } }").getString("errors[0].extensions.code"))
                .isEqualTo("NOT_FOUND");
        assertThat(query("{ product(id: \"mug\") { id } }").getString("errors[0].extensions.code"))
                .isEqualTo("VALIDATION_FAILED");
    }

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
    void page_size_and_cursor_are_checked() {
        assertThat(query("{ products(first: 101) { totalCount } }").getString("errors[0].extensions.code"))
                .isEqualTo("VALIDATION_FAILED");
        assertThat(query("{ products(first: 0) { totalCount } }").getString("errors[0].extensions.code"))
                .isEqualTo("VALIDATION_FAILED");
        JsonPath forged = query("{ products(after: \"bm90LWEtY3Vyc29y\") { totalCount } }");
        assertThat(forged.getString("errors[0].extensions.code")).isEqualTo("VALIDATION_FAILED");
        assertThat(forged.getString("errors[0].extensions.violations[0].field")).isEqualTo("after");
    }

    private ProductId store(String name, boolean deleted) {
        ProductId id = ProductId.random();
        ProductView view = ((ProjectionStep.Apply) ProductProjection.apply(null, ProductEvents.created(id, name))).next();
        if (deleted) {
            view = ((ProjectionStep.Apply) ProductProjection.apply(view, ProductEvents.deleted(id, 2))).next();
        }
        views.persist(view).await().atMost(Duration.ofSeconds(5));
        return id;
    }

    private static JsonPath query(String document) {
        return given().contentType(ContentType.JSON).body(Map.of("query", document))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }
}
