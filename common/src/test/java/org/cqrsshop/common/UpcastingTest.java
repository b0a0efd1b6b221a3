package org.cqrsshop.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventDecodingException;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductCreated;
import org.junit.jupiter.api.Test;

/**
 * Old payloads stay readable: stored/ holds payloads exactly as an earlier schema version wrote
 * them, and each must read back as the current version.
 */
class UpcastingTest {

    @Test
    void a_stored_product_created_v1_reads_back_as_v2_with_its_stock_as_initial_stock() throws Exception {
        String storedV1 = Files.readString(Path.of("src/test/resources/event-snapshots/stored/ProductCreated.v1.json"));

        ProductCreated read = (ProductCreated) EventJson.decode("ProductCreated", 1, storedV1);

        assertThat(EventTypes.current("ProductCreated").orElseThrow().schemaVersion()).isEqualTo(2);
        assertThat(read).isEqualTo(EventContractSnapshotTest.SAMPLES.get(ProductCreated.class));
        assertThat(read.initialStock()).isEqualTo(25);
    }

    @Test
    void a_version_newer_than_the_code_knows_is_refused() {
        assertThatThrownBy(() -> EventJson.decode("ProductCreated", 3, "{}"))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("ProductCreated v3");
    }
}
