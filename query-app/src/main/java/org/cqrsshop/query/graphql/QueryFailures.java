package org.cqrsshop.query.graphql;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.graphql.errors.ApiError;
import org.cqrsshop.graphql.errors.FailureClassifier;

/** How the read side's failures reach clients. */
@Unremovable
@ApplicationScoped
public class QueryFailures implements FailureClassifier {

    @Override
    public Optional<ApiError> classify(Throwable failure) {
        if (failure instanceof ViewNotFound notFound) {
            return Optional.of(ApiError.of(ErrorCode.NOT_FOUND, notFound.getMessage()));
        }
        return Optional.empty();
    }
}
