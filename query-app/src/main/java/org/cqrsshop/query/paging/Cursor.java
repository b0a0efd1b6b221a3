package org.cqrsshop.query.paging;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.cqrsshop.graphql.errors.InvalidInput;
import org.cqrsshop.query.projection.StreamView;

/**
 * An opaque page cursor: the sort key of the last item seen. Clients must not build or read
 * them, so the encoding may change without notice.
 */
public final class Cursor {

    private static final String NOT_OURS = "is not a cursor returned by this API";

    private Cursor() {}

    public static String encode(List<String> sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new JsonArray(List.copyOf(sortKey)).encode().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidInput if the text is not a cursor with {@code size} keys from this API */
    public static List<String> decode(String field, String cursor, int size) {
        try {
            JsonArray keys = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (keys.size() != size) {
                throw new IllegalArgumentException("wrong shape");
            }
            return keys.stream().map(key -> (String) key).toList();
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new InvalidInput(field, NOT_OURS);
        }
    }

    /**
     * How a sort value is written into a cursor so that it decodes to the BSON type the field
     * holds: compared as text, a price of 10000 would sort before one of 900, and a string never
     * equals a date.
     */
    public enum ValueType {
        TEXT {
            @Override
            String write(Object value) {
                return (String) value;
            }

            @Override
            Object read(String text) {
                return text;
            }
        },
        WHOLE_NUMBER {
            @Override
            String write(Object value) {
                return Long.toString(((Number) value).longValue());
            }

            @Override
            Object read(String text) {
                return Long.valueOf(text);
            }
        },
        /** MongoDB keeps instants to the millisecond, so nothing is lost. */
        TIMESTAMP {
            @Override
            String write(Object value) {
                return Long.toString(((Instant) value).toEpochMilli());
            }

            @Override
            Object read(String text) {
                return new Date(Long.parseLong(text));
            }
        };

        abstract String write(Object value);

        /** @throws IllegalArgumentException if the text was not written by {@link #write} */
        abstract Object read(String text);
    }

    /**
     * One order of a list, for keyset paging: a view field, then {@code _id} in the same
     * direction, so that every item has one place however many share a sort value. A page
     * continues strictly after the last item seen, which is why items written meanwhile neither
     * repeat nor push others out, as they would with an offset.
     *
     * <p>The order's {@code name} travels in each cursor: a cursor from another sort or list
     * would silently skip or repeat items, so it is refused instead. Sort fields must never be
     * null in a view.
     *
     * @param name identifies the list and its order, e.g. {@code products:PRICE:DESC}
     * @param field the view field sorted on
     */
    public record Keyset<V extends StreamView>(
            String name, String field, ValueType type, boolean descending, Function<V, Object> sortValue) {

        public Document sort() {
            int direction = descending ? -1 : 1;
            return new Document(field, direction).append("_id", direction);
        }

        public String cursorOf(V view) {
            return encode(List.of(name, type.write(sortValue.apply(view)), view.id));
        }

        /**
         * Where the page after {@code cursor} starts.
         *
         * @param argument the argument that carried the cursor, for the error
         * @throws InvalidInput if the cursor is not ours or belongs to another order
         */
        public Position position(String argument, String cursor) {
            List<String> key = decode(argument, cursor, 3);
            if (!name.equals(key.get(0))) {
                throw new InvalidInput(argument, "belongs to another sort order or list; start again without it");
            }
            try {
                return new Position(type.read(key.get(1)), UUID.fromString(key.get(2)).toString());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(argument, NOT_OURS);
            }
        }

        /** The filter for the items after {@code position}, to be combined with the list's own. */
        public Document after(Position position) {
            String beyond = descending ? "$lt" : "$gt";
            return new Document("$or", List.of(
                    new Document(field, new Document(beyond, position.lastValue())),
                    new Document(field, position.lastValue()).append("_id", new Document(beyond, position.lastId()))));
        }

        /** The filter for one page: the list's own, and after {@code position} unless it is the first page. */
        public Document page(Document criteria, Position position) {
            return position == null ? criteria : new Document("$and", List.of(criteria, after(position)));
        }
    }

    /** The sort value and id of the last item a client saw, read back from its cursor. */
    public record Position(Object lastValue, String lastId) {}
}
