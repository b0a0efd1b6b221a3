package org.cqrsshop.command.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cqrsshop.command.testing.Shop.errorCode;
import static org.cqrsshop.command.testing.Shop.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cqrsshop.command.testing.Shop;
import org.cqrsshop.testing.InfrastructureTestResource;
import org.junit.jupiter.api.Test;

/** A SKU belongs to one product, also when several requests claim it at once. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "needs", value = "postgres,rabbitmq"))
class SkuUniquenessTest {

    @Test
    void of_concurrent_creates_with_one_sku_exactly_one_succeeds() {
        String sku = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<JsonNode>> creates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            creates.add(post(create(i % 2 == 0 ? sku : sku.toLowerCase())));
        }
        List<JsonNode> responses = creates.stream().map(CompletableFuture::join).toList();

        assertThat(responses).filteredOn(response -> !response.has("errors")).hasSize(1);
        assertThat(responses).filteredOn(response -> response.has("errors"))
                .extracting(Shop::errorCode).hasSize(11).containsOnly("DUPLICATE_SKU");
    }

    @Test
    void a_deleted_products_sku_is_free_and_a_renamed_one_frees_the_old() {
        String sku = "FREE-" + UUID.randomUUID().toString().substring(0, 8);
        String first = Shop.data(post(create(sku)).join()).path("createProduct").path("id").asText();
        assertThat(errorCode(post(create(sku)).join())).isEqualTo("DUPLICATE_SKU");

        Shop.data(post("mutation { updateProduct(input: {productId: \"" + first + "\", sku: \"" + sku
                + "-B\"}) { version } }").join());
        String second = Shop.data(post(create(sku)).join()).path("createProduct").path("id").asText();
        assertThat(errorCode(post("mutation { updateProduct(input: {productId: \"" + second + "\", sku: \"" + sku
                + "-B\"}) { version } }").join())).isEqualTo("DUPLICATE_SKU");

        Shop.data(post("mutation { deleteProduct(input: {productId: \"" + first + "\"}) { version } }").join());
        assertThat(post(create(sku + "-B")).join().has("errors")).isFalse();
    }

    private static String create(String sku) {
        return "mutation { createProduct(input: {sku: \"" + sku + "\", name: \"Mug\", description: \"\","
                + " price: {amountMinor: 100, currency: \"EUR\"}, category: \"kitchen\", stockQuantity: 1}) { id } }";
    }
}
