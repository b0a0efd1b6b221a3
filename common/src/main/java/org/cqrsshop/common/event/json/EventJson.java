package org.cqrsshop.common.event.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.cqrsshop.common.event.DomainEvent;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.EventType;
import org.cqrsshop.common.event.EventTypes;
import org.cqrsshop.common.id.CartId;
import org.cqrsshop.common.id.CustomerId;
import org.cqrsshop.common.id.OrderId;
import org.cqrsshop.common.id.ProductId;
import org.cqrsshop.common.money.CurrencyCode;

/**
 * The one JSON form of events, used by the event store, the relay and the projections alike.
 *
 * <p>Value types are written as plain strings ({@code "EUR"}, a UUID) so that the JSON reads like
 * the domain. Unknown fields are ignored when reading, so a producer may add an optional field
 * without a new schema version; anything else that changes the meaning of a payload needs one.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(valueTypes())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private EventJson() {}

    /**
     * A mapper configured like the event codec, for other JSON forms of the same values (such as
     * aggregate snapshots), so that a Money or an id reads the same everywhere.
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** The payload of an event, without its envelope: what the event store keeps in its JSON column. */
    public static String encode(DomainEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be written as JSON: " + event, e);
        }
    }

    /**
     * Reads a payload of any schema version that ever existed: an older one is first upcast,
     * step by step, to the current version's form.
     */
    public static DomainEvent decode(String eventType, int schemaVersion, String payload) {
        EventType<?> type = knownType(eventType, schemaVersion);
        try {
            if (schemaVersion == type.schemaVersion()) {
                return MAPPER.readValue(payload, type.javaType());
            }
            return upcastAndRead(type, schemaVersion, MAPPER.readTree(payload));
        } catch (EventDecodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("invalid " + eventType + " v" + schemaVersion + " payload", e);
        }
    }

    /** As {@link #decode(String, int, String)}, for a payload already parsed, as inside an envelope. */
    private static DomainEvent decode(String eventType, int schemaVersion, JsonNode payload) {
        EventType<?> type = knownType(eventType, schemaVersion);
        try {
            if (schemaVersion == type.schemaVersion()) {
                return MAPPER.treeToValue(payload, type.javaType());
            }
            return upcastAndRead(type, schemaVersion, payload.deepCopy());
        } catch (EventDecodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("invalid " + eventType + " v" + schemaVersion + " payload", e);
        }
    }

    private static EventType<?> knownType(String eventType, int schemaVersion) {
        return EventTypes.current(eventType)
                .filter(current -> schemaVersion >= 1 && schemaVersion <= current.schemaVersion())
                .orElseThrow(() -> new EventDecodingException(
                        "unknown event type " + eventType + " v" + schemaVersion));
    }

    private static DomainEvent upcastAndRead(EventType<?> type, int schemaVersion, JsonNode json) throws IOException {
        if (!(json instanceof ObjectNode object)) {
            throw new EventDecodingException("a " + type.name() + " payload must be a JSON object");
        }
        return MAPPER.treeToValue(Upcasters.upcast(type.name(), schemaVersion, type.schemaVersion(), object),
                type.javaType());
    }

    /** A committed event with its metadata, as published to the broker. */
    public static byte[] encodeEnvelope(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(envelopeTree(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("envelope cannot be written as JSON", e);
        }
    }

    /** The JSON that {@link #encodeEnvelope} writes, as a tree, for a response that embeds envelopes. */
    public static ObjectNode envelopeTree(EventEnvelope envelope) {
        EventType<?> type = envelope.type();
        ObjectNode json = MAPPER.createObjectNode()
                .put("eventId", envelope.eventId().toString())
                .put("streamId", envelope.streamId().toString())
                .put("streamType", envelope.streamType())
                .put("streamVersion", envelope.streamVersion())
                .put("globalPosition", envelope.globalPosition())
                .put("eventType", type.name())
                .put("schemaVersion", type.schemaVersion())
                .put("occurredAt", envelope.occurredAt().toString())
                .put("correlationId", envelope.correlationId().toString())
                .put("causationId", envelope.causationId().toString())
                .put("actor", envelope.actor());
        json.set("data", MAPPER.valueToTree(envelope.event()));
        return json;
    }

    public static EventEnvelope decodeEnvelope(byte[] bytes) {
        try {
            return decodeEnvelope(MAPPER.readTree(bytes));
        } catch (IOException e) {
            throw new EventDecodingException("envelope is not JSON", e);
        }
    }

    /** An envelope already parsed, as found inside a page of the catch-up feed. */
    public static EventEnvelope decodeEnvelope(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new EventDecodingException("envelope is not a JSON object");
        }
        try {
            String eventType = text(json, "eventType");
            int schemaVersion = json.path("schemaVersion").asInt(0);
            JsonNode data = json.get("data");
            if (data == null || !data.isObject()) {
                throw new EventDecodingException("envelope has no data object");
            }
            DomainEvent event = decode(eventType, schemaVersion, data);
            JsonNode actor = json.get("actor");
            return new EventEnvelope(
                    UUID.fromString(text(json, "eventId")),
                    UUID.fromString(text(json, "streamId")),
                    text(json, "streamType"),
                    json.path("streamVersion").asLong(0),
                    json.path("globalPosition").asLong(0),
                    Instant.parse(text(json, "occurredAt")),
                    UUID.fromString(text(json, "correlationId")),
                    UUID.fromString(text(json, "causationId")),
                    actor == null || actor.isNull() ? null : actor.asText(),
                    event);
        } catch (EventDecodingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventDecodingException("invalid envelope: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new EventDecodingException("envelope field '" + field + "' is missing or not a string");
        }
        return node.asText();
    }

    private static SimpleModule valueTypes() {
        SimpleModule module = new SimpleModule("cqrs-shop-value-types");
        asString(module, ProductId.class, ProductId::toString, ProductId::of);
        asString(module, OrderId.class, OrderId::toString, OrderId::of);
        asString(module, CustomerId.class, CustomerId::toString, CustomerId::of);
        asString(module, CartId.class, CartId::toString, CartId::of);
        asString(module, CurrencyCode.class, CurrencyCode::value, CurrencyCode::of);
        return module;
    }

    /** Writes a single-value type as a JSON string, and reads it back through its factory. */
    private static <T> void asString(
            SimpleModule module, Class<T> type, Function<T, String> write, Function<String, T> read) {
        module.addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(write.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser in, DeserializationContext context) throws IOException {
                if (!in.hasToken(JsonToken.VALUE_STRING)) {
                    return context.reportInputMismatch(type, "%s must be a JSON string", type.getSimpleName());
                }
                try {
                    return read.apply(in.getText());
                } catch (IllegalArgumentException e) {
                    return context.reportInputMismatch(type, "invalid %s: %s", type.getSimpleName(), e.getMessage());
                }
            }
        });
    }
}
