package org.cqrsshop.graphql.input;

import java.util.Set;

/**
 * Which characters text input may hold (docs/errors.md, "Text"). No control character reaches a
 * store or a log: PostgreSQL's jsonb cannot hold U+0000 at all, the others corrupt logs and
 * terminals and mean nothing in a name or an id. A lone surrogate is no character; encoded as
 * UTF-8 it turns into '?', so the text would be stored other than sent. Free text (a product's
 * description, a reason) may also hold tab, line feed and carriage return.
 */
public final class TextRule {

    /** Input fields, by name in any input object or as arguments, whose text may span lines. */
    public static final Set<String> FREE_TEXT_FIELDS = Set.of("description", "reason");

    private TextRule() {}

    /**
     * @param freeText whether tab, line feed and carriage return are allowed
     * @return why the text is refused, or {@code null} when it is acceptable
     */
    public static String problemWith(String text, boolean freeText) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate (U+" + hex(c) + ")";
            } else if (freeText && (c == '\t' || c == '\n' || c == '\r')) {
                continue;
            } else if (Character.getType(c) == Character.CONTROL) {
                return "must not contain the control character U+" + hex(c)
                        + (freeText ? " (tab, line feed and carriage return are allowed)" : "");
            } else if (c == '\uFFFE' || c == '\uFFFF') {
                return "must not contain the noncharacter U+" + hex(c);
            }
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
