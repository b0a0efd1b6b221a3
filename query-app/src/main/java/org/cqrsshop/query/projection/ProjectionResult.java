package org.cqrsshop.query.projection;

/**
 * What projecting one delivered event did.
 *
 * @param view the view as written, or {@code null} for a duplicate, which wrote nothing
 * @param previousVersion the version the view had before the write; a repaired gap spans several
 * @param previousPosition the global position of the event that made the view before the write; 0 for none
 */
public record ProjectionResult<V extends StreamView>(
        ProjectionOutcome outcome, V view, long previousVersion, long previousPosition) {

    static <V extends StreamView> ProjectionResult<V> duplicate(long viewVersion) {
        return new ProjectionResult<>(ProjectionOutcome.DUPLICATE, null, viewVersion, 0);
    }

    public boolean wroteView() {
        return outcome != ProjectionOutcome.DUPLICATE;
    }
}
