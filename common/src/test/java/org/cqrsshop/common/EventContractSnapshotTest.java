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
import org.cqrsshop.common.address.ShippingAddress;
import org.cqrsshop.common.event.cart.CartCheckedOut;
import org.cqrsshop.common.event.cart.CartCleared;
import org.cqrsshop.common.event.cart.CartItemAdded;
import org.cqrsshop.common.event.cart.CartItemRemoved;
import org.cqrsshop.common.event.order.OrderCancelled;
import org.cqrsshop.common.event.order.OrderDelivered;
import org.cqrsshop.common.event.order.OrderLine;
import org.cqrsshop.common.event.order.OrderPaid;
import org.cqrsshop.common.event.order.OrderPlaced;
import org.cqrsshop.common.event.order.OrderRefunded;
import org.cqrsshop.common.event.order.OrderShipped;
import org.cqrsshop.common.event.order.ShippingAddressChanged;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductStockAdjusted;
import org.cqrsshop.common.event.product.ProductUpdated;
import org.cqrsshop.common.event.product.StockReleased;
import org.cqrsshop.common.event.product.StockReserved;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
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
    static final ProductId PRODUCT = ProductId.of("6f1c2a8e-3b7d-4c1e-9a52-0d8e4f7b1c3a");
    static final OrderId ORDER = OrderId.of("2d6c9e1a-7b3f-4a58-9c0e-5f1d2b3a4c6e");
    static final CustomerId CUSTOMER = CustomerId.of("8a4e2c1b-9d3f-4e6a-b7c5-1f2e3d4c5b6a");
    static final CartId CART = CartId.forCustomer(CUSTOMER);
    static final ShippingAddress ADDRESS =
            new ShippingAddress("Ada Lovelace", "12 St James's Square", "", "SW1Y 4JH", "London", "", "GB");
    static final OrderLine LINE =
            new OrderLine(PRODUCT, "MUG-001", "Espresso mug", 2, Money.of(1299, "EUR"), Money.of(2598, "EUR"));

    static final Map<Class<?>, DomainEvent> SAMPLES = Map.ofEntries(
            Map.entry(ProductCreated.class, new ProductCreated(
                    PRODUCT, "MUG-001", "Espresso mug", "Stoneware, 80 ml", Money.of(1299, "EUR"), "kitchen", 25)),
            Map.entry(ProductUpdated.class, new ProductUpdated(
                    PRODUCT, "MUG-001", "Espresso mug, blue", "Stoneware, 80 ml", Money.of(1499, "EUR"), "kitchen")),
            Map.entry(ProductDeleted.class, new ProductDeleted(PRODUCT, "MUG-001")),
            Map.entry(ProductStockAdjusted.class, new ProductStockAdjusted(PRODUCT, 10, 35, "delivery 4711")),
            Map.entry(StockReserved.class, new StockReserved(PRODUCT, ORDER, 2, 33)),
            Map.entry(StockReleased.class, new StockReleased(PRODUCT, ORDER, 2, 35)),
            Map.entry(CartItemAdded.class, new CartItemAdded(CART, CUSTOMER, PRODUCT, 2, 2)),
            Map.entry(CartItemRemoved.class, new CartItemRemoved(CART, CUSTOMER, PRODUCT, 1, 1)),
            Map.entry(CartCleared.class, new CartCleared(CART, CUSTOMER)),
            Map.entry(CartCheckedOut.class, new CartCheckedOut(CART, CUSTOMER, ORDER)),
            Map.entry(OrderPlaced.class, new OrderPlaced(
                    ORDER, "CS-2026-000042", CUSTOMER, List.of(LINE), Money.of(2598, "EUR"), ADDRESS, true)),
            Map.entry(OrderPaid.class, new OrderPaid(ORDER, Money.of(2598, "EUR"), "psp-ch_3Kq")),
            Map.entry(OrderShipped.class, new OrderShipped(ORDER, "DHL", "JD014600006281")),
            Map.entry(OrderDelivered.class, new OrderDelivered(ORDER)),
            Map.entry(OrderCancelled.class, new OrderCancelled(ORDER, "customer changed their mind", true)),
            Map.entry(OrderRefunded.class, new OrderRefunded(ORDER, Money.of(2598, "EUR"), "cancelled after payment")),
            Map.entry(ShippingAddressChanged.class, new ShippingAddressChanged(ORDER, ADDRESS)));

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
