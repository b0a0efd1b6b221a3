package org.cqrsshop.query.product;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.query.inbox.ProjectionOutcome;

/**
 * Applies product events to MongoDB. Every write is conditional on the version it read, so two
 * consumers racing on one product cannot both win; the loser reads again and usually finds the
 * event already applied.
 */
@ApplicationScoped
public class ProductProjector {

    private static final int MAX_RACES = 3;

    private final ProductViewRepository views;

    public ProductProjector(ProductViewRepository views) {
        this.views = views;
    }

    public Uni<ProjectionOutcome> project(EventEnvelope envelope) {
        return project(envelope, 1);
    }

    private Uni<ProjectionOutcome> project(EventEnvelope envelope, int attempt) {
        return views.findById(envelope.streamId().toString()).chain(current -> {
            ProjectionStep step = ProductProjection.apply(current, envelope);
            if (step instanceof ProjectionStep.AlreadyApplied) {
                return Uni.createFrom().item(ProjectionOutcome.DUPLICATE);
            }
            if (step instanceof ProjectionStep.Gap) {
                return Uni.createFrom().item(ProjectionOutcome.GAP);
            }
            ProjectionStep.Apply apply = (ProjectionStep.Apply) step;
            return write(apply).chain(won -> {
                if (won) {
                    return Uni.createFrom().item(ProjectionOutcome.APPLIED);
                }
                if (attempt >= MAX_RACES) {
                    return Uni.createFrom().failure(new IllegalStateException(
                            "lost " + attempt + " races writing product " + envelope.streamId()));
                }
                return project(envelope, attempt + 1);
            });
        });
    }

    /** @return false if another writer changed the view since it was read */
    private Uni<Boolean> write(ProjectionStep.Apply apply) {
        if (apply.previousVersion() == 0) {
            return views.persist(apply.next()).replaceWith(true)
                    .onFailure(ProductProjector::isDuplicateKey).recoverWithItem(false);
        }
        return views.mongoCollection()
                .replaceOne(Filters.and(Filters.eq("_id", apply.next().id), Filters.eq("version", apply.previousVersion())),
                        apply.next())
                .map(result -> result.getMatchedCount() == 1);
    }

    private static boolean isDuplicateKey(Throwable failure) {
        return failure instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
