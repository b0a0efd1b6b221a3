package org.cqrsshop.graphql.errors;

import java.util.Optional;

/**
 * Turns an app's own exceptions into API errors. Each app provides one bean; a failure that no
 * classifier recognises is reported as {@code INTERNAL}, with no detail for the client.
 * Implementations are looked up at run time, so they must be marked {@code @Unremovable}.
 */
public interface FailureClassifier {

    Optional<ApiError> classify(Throwable failure);
}
