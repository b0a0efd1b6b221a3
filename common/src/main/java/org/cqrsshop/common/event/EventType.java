package org.cqrsshop.common.event;

import java.util.Objects;

/**
 * The stable wire identity of an event class: the name and schema version that travel with every
 * stored and published event, so that renaming a Java class never renames an event.
 *
 * @param name the event type name, e.g. {@code ProductCreated}
 * @param schemaVersion the version of the payload schema, starting at 1
 * @param streamType the kind of stream the event belongs to, e.g. {@code product}
 * @param javaType the record that holds the payload
 */
public record EventType<E extends DomainEvent>(
        String name, int schemaVersion, String streamType, Class<E> javaType) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(streamType, "streamType");
        Objects.requireNonNull(javaType, "javaType");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
    }
}
