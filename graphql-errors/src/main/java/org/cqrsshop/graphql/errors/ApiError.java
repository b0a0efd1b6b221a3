package org.cqrsshop.graphql.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.cqrsshop.common.error.ErrorCode;

/**
 * An error as a client sees it: a documented code, a message safe to show, and details whose
 * keys are documented per code in docs/errors.md.
 */
public record ApiError(ErrorCode code, String message, Map<String, Object> details) {

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message, Map.of());
    }

    /** {@code extensions}: the code first, then the details. */
    Map<String, Object> extensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        return extensions;
    }
}
