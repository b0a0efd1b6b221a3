package org.cqrsshop.query.graphql;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.cqrsshop.graphql.errors.InvalidInput;

/**
 * An opaque page cursor: the sort key of the last item seen. Clients must not build or read
 * them, so the encoding may change without notice.
 */
public final class Cursor {

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
            throw new InvalidInput(field, "is not a cursor returned by this API");
        }
    }
}
