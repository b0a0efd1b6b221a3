package org.cqrsshop.graphql.errors;

/**
 * Input that passed the schema but not our rules: an id that is not a UUID, an unknown currency,
 * a combination of fields that makes no sense. Reported as {@code VALIDATION_FAILED}.
 */
public class InvalidInput extends RuntimeException {

    private final String field;

    /**
     * @param field the path of the offending input field, e.g. {@code input.price.currency}
     * @param reason what is wrong with it, in words a client developer can act on
     */
    public InvalidInput(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
