package org.cqrsshop.query.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.EventJson;
import org.cqrsshop.query.projection.ProjectionResult;
import org.cqrsshop.query.projection.StreamView;

/**
 * The notice every replica hears once a view was written and its cache entry dropped. It carries
 * the view as written, so that a subscriber gets exactly the state at {@code version} without
 * reading it back (by then another replica may have moved the view on).
 *
 * @param previousVersion the view's version before the write; more than one below {@code version}
 *     when the write repaired a gap, and those versions in between are only in the event store
 * @param position the global position of the event that made the write
 * @param traceParent W3C traceparent of the projection that wrote the view, so that the
 *     notification continues its trace; {@code null} when tracing is off
 */
public record ViewChange(
        String streamType, String streamId, long version, long previousVersion, long position, ObjectNode view,
        String traceParent) {

    /** One mapper for every notice: a fresh copy would build its serializers again each time. */
    private static final ObjectMapper JSON = EventJson.mapper();

    public static ViewChange of(EventEnvelope envelope, ProjectionResult<?> written, String traceParent) {
        return new ViewChange(envelope.streamType(), envelope.streamId().toString(), written.view().version,
                written.previousVersion(), envelope.globalPosition(), JSON.valueToTree(written.view()), traceParent);
    }

    public <V extends StreamView> V view(Class<V> type) {
        try {
            return JSON.treeToValue(view, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a change notice holds an unreadable " + streamType + " view", e);
        }
    }

    /** A top-level field of the view, such as the customer an order belongs to; empty when absent. */
    public String viewField(String name) {
        JsonNode value = view.path(name);
        return value.isValueNode() ? value.asText() : "";
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode a change notice", e);
        }
    }

    static ViewChange fromJson(String json) {
        try {
            return JSON.readValue(json, ViewChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a change notice: " + e.getMessage(), e);
        }
    }
}
