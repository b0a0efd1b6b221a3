package org.cqrsshop.command.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a reader of the global feed stands: the (transaction id, position) of the last event it
 * got. Opaque to clients, who only hand back what they were given.
 *
 * @param transactionId the writing transaction's {@code xid8}, as decimal text because it is an
 *     unsigned 64-bit number that PostgreSQL reads from text
 */
public record FeedCursor(String transactionId, long position) {

    public static final FeedCursor START = new FeedCursor("0", 0);
    private static final Pattern FORM = Pattern.compile("(\\d{1,20}):(\\d{1,19})");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((transactionId + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param text a cursor this feed handed out, or nothing to start from the beginning
     * @throws InvalidFeedRequest if the text is not such a cursor
     */
    public static FeedCursor decode(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        try {
            Matcher parts = FORM.matcher(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
            if (parts.matches()) {
                // Parsed here so that a number out of xid8's range is the client's error, not the database's.
                long transactionId = Long.parseUnsignedLong(parts.group(1));
                return new FeedCursor(Long.toUnsignedString(transactionId), Long.parseLong(parts.group(2)));
            }
        } catch (IllegalArgumentException malformed) {
            // reported below, like any other text that is not a cursor
        }
        throw new InvalidFeedRequest("after is not a cursor returned by this feed");
    }
}
