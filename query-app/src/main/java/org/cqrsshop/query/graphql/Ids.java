package org.cqrsshop.query.graphql;

import java.util.UUID;
import org.cqrsshop.graphql.errors.InvalidInput;

/** Ids arrive as text; every query checks them the same way. */
public final class Ids {

    private Ids() {}

    /**
     * @return the id in canonical form, as views store it
     * @throws InvalidInput naming {@code field} if the text is not a UUID
     */
    public static String uuid(String field, String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "must be a UUID");
        }
    }
}
