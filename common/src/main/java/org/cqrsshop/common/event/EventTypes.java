package org.cqrsshop.common.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cqrsshop.common.event.product.ProductCreated;
import org.cqrsshop.common.event.product.ProductDeleted;
import org.cqrsshop.common.event.product.ProductEvent;
import org.cqrsshop.common.event.product.ProductUpdated;

/**
 * The registry of every event type both apps understand. It is the single list that the store,
 * the relay, the projections and the native-image configuration are checked against.
 */
public final class EventTypes {

    /** Stream type of the {@link ProductEvent} family. */
    public static final String PRODUCT_STREAM = "product";

    private static final List<EventType<?>> ALL = List.of(
            new EventType<>("ProductCreated", 1, PRODUCT_STREAM, ProductCreated.class),
            new EventType<>("ProductUpdated", 1, PRODUCT_STREAM, ProductUpdated.class),
            new EventType<>("ProductDeleted", 1, PRODUCT_STREAM, ProductDeleted.class));

    /** The sealed event families; every class they permit must appear in {@link #all()}. */
    public static final List<Class<? extends DomainEvent>> FAMILIES = List.of(ProductEvent.class);

    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private static final Map<String, EventType<?>> BY_NAME_AND_VERSION = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(
                    type -> key(type.name(), type.schemaVersion()), Function.identity()));

    private EventTypes() {}

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The wire identity of an event; every event class is registered, so this never fails. */
    public static EventType<?> of(DomainEvent event) {
        EventType<?> type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalStateException("event class not registered: " + event.getClass().getName());
        }
        return type;
    }

    public static Optional<EventType<?>> find(String name, int schemaVersion) {
        return Optional.ofNullable(BY_NAME_AND_VERSION.get(key(name, schemaVersion)));
    }

    private static String key(String name, int schemaVersion) {
        return name + "/v" + schemaVersion;
    }
}
