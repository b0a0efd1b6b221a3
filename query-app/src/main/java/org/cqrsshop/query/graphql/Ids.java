package org.cqrsshop.query.graphql;

import java.util.UUID;
import org.cqrsshop.graphql.errors.InvalidInput;

/** Ids arrive as text; every query checks them the same way. */
public final class Ids {

    /** The description every customerId argument shares. */
    public static final String CUSTOMER_ID = "The customer (a UUID). A customer may leave it out, since their token says"
            + " who they are, and may name no one else (FORBIDDEN); an admin must give it";

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

    /** A customer id that may be left out: {@code null} stays {@code null}. */
    public static UUID optionalUuid(String field, String value) {
        return value == null ? null : UUID.fromString(uuid(field, value));
    }
}
