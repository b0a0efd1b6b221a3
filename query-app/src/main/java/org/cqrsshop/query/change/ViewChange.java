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
 * reading it back (by then another replica may have moved the view on). A notice made up by a
 * catch-up carries no view: the subscriber folds the states it lacks from the event store.
 *
 * @param previousVersion the view's version before the write; more than one below {@code version}
 *     when the write repaired a gap, and those versions in between are only in the event store
 * @param previousPosition the global position of the event that made the view at {@code previousVersion};
 *     0 for none or not known
 * @param position the global position of the event that made the write; 0 when not known
 * @param view the view as written; {@code null} when the notice only says which version the view reached
 * @param traceParent W3C traceparent of the projection that wrote the view, so that the
 *     notification continues its trace; {@code null} when tracing is off
 */
public record ViewChange(
        String streamType, String streamId, long version, long previousVersion, long previousPosition, long position,
        ObjectNode view, String traceParent) {

    /** One mapper for every notice: a fresh copy would build its serializers again each time. */
    private static final ObjectMapper JSON = EventJson.mapper();

    public static ViewChange of(EventEnvelope envelope, ProjectionResult<?> written, String traceParent) {
        return new ViewChange(envelope.streamType(), envelope.streamId().toString(), written.view().version,
                written.previousVersion(), written.previousPosition(), envelope.globalPosition(),
                JSON.valueToTree(written.view()), traceParent);
    }

    /**
     * What a subscription following one entity learns from reading the view: that it reached
     * {@code version}, by events the subscription may not have heard of.
     */
    static ViewChange reached(String streamType, String streamId, long version) {
        return new ViewChange(streamType, streamId, version, version - 1, 0, 0, null, null);
    }

    /**
     * One notice for the versions both notices cover, as if they had come as one write: the later
     * view, after the earlier previous version, so a subscriber folds what lies between.
     */
    static ViewChange spanning(ViewChange one, ViewChange other) {
        ViewChange later = one.version >= other.version ? one : other;
        ViewChange from = one.previousVersion <= other.previousVersion ? one : other;
        return new ViewChange(later.streamType, later.streamId, later.version, from.previousVersion,
                from.previousPosition, later.position, later.view, later.traceParent);
    }

    boolean carriesView() {
        return view != null;
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
        if (view == null) {
            return "";
        }
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
