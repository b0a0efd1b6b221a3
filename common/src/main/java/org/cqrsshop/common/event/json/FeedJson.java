package org.cqrsshop.common.event.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.cqrsshop.common.event.EventEnvelope;

/**
 * The JSON form of the catch-up feed's bodies ({@link org.cqrsshop.common.feed}). Each event in a
 * page is written exactly as {@link EventJson#encodeEnvelope} writes it for the broker, so that a
 * reader decodes feed and broker events with one codec.
 */
public final class FeedJson {

    private static final ObjectMapper MAPPER = EventJson.mapper().registerModule(module());

    private FeedJson() {}

    /** For a framework's own mapper, such as the one that writes the feed's HTTP answers. */
    public static Module module() {
        return new SimpleModule("cqrs-shop-feed")
                .addSerializer(EventEnvelope.class, new EnvelopeSerializer())
                .addDeserializer(EventEnvelope.class, new EnvelopeDeserializer());
    }

    public static byte[] encode(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @throws EventDecodingException if the body is not a {@code type}, or an event in it is unreadable */
    public static <T> T decode(JsonNode body, Class<T> type) {
        try {
            return MAPPER.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof EventDecodingException unreadable) {
                    throw unreadable;
                }
            }
            throw new EventDecodingException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static final class EnvelopeSerializer extends StdSerializer<EventEnvelope> {

        EnvelopeSerializer() {
            super(EventEnvelope.class);
        }

        @Override
        public void serialize(EventEnvelope envelope, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeTree(EventJson.envelopeTree(envelope));
        }
    }

    private static final class EnvelopeDeserializer extends StdDeserializer<EventEnvelope> {

        EnvelopeDeserializer() {
            super(EventEnvelope.class);
        }

        @Override
        public EventEnvelope deserialize(JsonParser json, DeserializationContext context) throws IOException {
            return EventJson.decodeEnvelope(json.<JsonNode>readValueAsTree());
        }
    }
}
