package org.cqrsshop.command.feed;

import java.util.Locale;
import java.util.UUID;

/**
 * Reads the feed's query and path parameters. They arrive as text so that a malformed one is
 * answered with our {@code VALIDATION_FAILED} rather than the framework's bare 404.
 */
final class FeedParameters {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private FeedParameters() {}

    static UUID streamId(String text) {
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString also takes shortened forms such as 1-2-3-4-5, which no stream has.
            if (id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException notUuid) {
            // reported below
        }
        throw new InvalidFeedRequest("streamId must be a UUID");
    }

    static int limit(String text) {
        if (isAbsent(text)) {
            return DEFAULT_LIMIT;
        }
        long limit = wholeNumber("limit", text);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFeedRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return (int) limit;
    }

    /** A version or position to read after; absent means from the beginning. */
    static long nonNegative(String name, String text) {
        if (isAbsent(text)) {
            return 0;
        }
        long value = wholeNumber(name, text);
        if (value < 0) {
            throw new InvalidFeedRequest(name + " must not be negative");
        }
        return value;
    }

    private static boolean isAbsent(String text) {
        return text == null || text.isEmpty();
    }

    private static long wholeNumber(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidFeedRequest(name + " must be a whole number");
        }
    }
}
