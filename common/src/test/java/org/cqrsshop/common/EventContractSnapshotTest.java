package org.cqrsshop.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.Money;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the wire form of every registered event type. A change that alters a snapshot breaks
 * stored events and running consumers: it needs a new schema version, not an edited snapshot.
 * Run with {@code -Dsnapshots.write=true} to write the file of a newly added event type.
 */
class EventContractSnapshotTest {

    private static final Path SNAPSHOTS = Path.of("src/test/resources/event-snapshots");
    private static final ProductId PRODUCT = ProductId.of("6f1c2a8e-3b7d-4c1e-9a52-0d8e4f7b1c3a");

    private static final Map<Class<?>, DomainEvent> SAMPLES = Map.of(
            ProductCreated.class, new ProductCreated(
                    PRODUCT, "MUG-001", "Espresso mug", "Stoneware, 80 ml", Money.of(1299, "EUR"), "kitchen", 25),
            ProductUpdated.class, new ProductUpdated(
                    PRODUCT, "MUG-001", "Espresso mug, blue", "Stoneware, 80 ml", Money.of(1499, "EUR"), "kitchen"),
            ProductDeleted.class, new ProductDeleted(PRODUCT, "MUG-001"));

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void every_registered_event_type_has_a_sample() {
        Set<Class<?>> registered = EventTypes.all().stream().map(EventType::javaType).collect(Collectors.toSet());
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(registered);
    }

    @TestFactory
    List<DynamicTest> serialized_form_matches_its_snapshot_and_reads_back_equal() {
        return EventTypes.all().stream()
                .map(type -> DynamicTest.dynamicTest(type.name() + " v" + type.schemaVersion(), () -> {
                    DomainEvent sample = SAMPLES.get(type.javaType());
                    String encoded = EventJson.encode(sample);
                    Path snapshot = SNAPSHOTS.resolve(type.name() + ".v" + type.schemaVersion() + ".json");
                    if (Boolean.getBoolean("snapshots.write") && !Files.exists(snapshot)) {
                        Files.writeString(snapshot, json.writerWithDefaultPrettyPrinter()
                                .writeValueAsString(json.readTree(encoded)) + "\n");
                    }
                    String expected = read(snapshot);
                    assertThat(json.readTree(encoded)).isEqualTo(json.readTree(expected));
                    assertThat(EventJson.decode(type.name(), type.schemaVersion(), expected)).isEqualTo(sample);
                }))
                .toList();
    }

    private static String read(Path snapshot) throws IOException {
        assertThat(snapshot).as("snapshot file").exists();
        return Files.readString(snapshot, StandardCharsets.UTF_8);
    }
}
