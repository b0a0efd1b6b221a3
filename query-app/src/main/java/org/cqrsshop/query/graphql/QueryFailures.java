package org.cqrsshop.query.graphql;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.cqrsshop.common.error.ErrorCode;
import org.cqrsshop.graphql.errors.ApiError;
import org.cqrsshop.graphql.errors.FailureClassifier;
import org.cqrsshop.query.change.SubscriberTooSlow;
import org.cqrsshop.query.change.SubscriptionInterrupted;
import org.cqrsshop.query.change.SubscriptionLimitReached;
import org.cqrsshop.query.freshness.ReadModelLagging;
import org.cqrsshop.query.rebuild.RebuildInProgress;

/** How the read side's failures reach clients. */
@Unremovable
@ApplicationScoped
public class QueryFailures implements FailureClassifier {

    @Override
    public Optional<ApiError> classify(Throwable failure) {
        if (failure instanceof ViewNotFound notFound) {
            return Optional.of(ApiError.of(ErrorCode.NOT_FOUND, notFound.getMessage()));
        }
        if (failure instanceof ReadModelLagging lagging) {
            return Optional.of(new ApiError(ErrorCode.READ_MODEL_LAGGING, lagging.getMessage(), Map.of(
                    "requestedVersion", lagging.requestedVersion(),
                    "currentVersion", lagging.currentVersion())));
        }
        if (failure instanceof RebuildInProgress inProgress) {
            return Optional.of(ApiError.of(ErrorCode.REBUILD_IN_PROGRESS, inProgress.getMessage()));
        }
        if (failure instanceof SubscriberTooSlow tooSlow) {
            return Optional.of(new ApiError(ErrorCode.SUBSCRIBER_TOO_SLOW, tooSlow.getMessage(),
                    Map.of("pending", tooSlow.pending())));
        }
        if (failure instanceof SubscriptionInterrupted interrupted) {
            return Optional.of(ApiError.of(ErrorCode.SUBSCRIPTION_INTERRUPTED, interrupted.getMessage()));
        }
        if (failure instanceof SubscriptionLimitReached limitReached) {
            return Optional.of(new ApiError(ErrorCode.TOO_MANY_SUBSCRIPTIONS, limitReached.getMessage(),
                    Map.of("limit", limitReached.limit())));
        }
        if (isReadModelOutage(failure)) {
            return Optional.of(ApiError.of(ErrorCode.UNAVAILABLE, "the read model cannot be reached just now; retry"));
        }
        return Optional.empty();
    }

    /** MongoDB refusing connections or finding no server within its selection timeout. */
    static boolean isReadModelOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException || cause instanceof MongoTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
