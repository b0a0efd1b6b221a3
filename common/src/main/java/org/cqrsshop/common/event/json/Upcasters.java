package org.cqrsshop.common.event.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How each old schema version of an event becomes the next one. Stored events are never
 * rewritten: they are upcast every time they are read, so the store keeps what was written and
 * the code knows only the current form.
 */
final class Upcasters {

    /** Keyed by "EventType/vN": turns a version N payload into a version N+1 payload. */
    private static final Map<String, UnaryOperator<ObjectNode>> STEPS = Map.of(
            // v2 renamed stockQuantity to initialStock: stock now also moves by adjustments and
            // reservations, so the creation event only ever knew the opening figure.
            "ProductCreated/v1", payload -> {
                payload.set("initialStock", payload.remove("stockQuantity"));
                return payload;
            });

    private Upcasters() {}

    static ObjectNode upcast(String eventType, int fromVersion, int toVersion, ObjectNode payload) {
        ObjectNode current = payload;
        for (int version = fromVersion; version < toVersion; version++) {
            UnaryOperator<ObjectNode> step = STEPS.get(eventType + "/v" + version);
            if (step == null) {
                throw new EventDecodingException("no upcaster from " + eventType + " v" + version);
            }
            current = step.apply(current);
        }
        return current;
    }
}
