package org.cqrsshop.systemtest.convergence;

/** One way a stored view departs from what it should be. */
public sealed interface ViewDifference {

    String collection();

    String viewId();

    /** The stream has events but no view. */
    record Missing(String collection, String viewId) implements ViewDifference {
        @Override
        public String toString() {
            return collection + " " + viewId + ": missing";
        }
    }

    /** A view that no stream accounts for. */
    record Extra(String collection, String viewId) implements ViewDifference {
        @Override
        public String toString() {
            return collection + " " + viewId + ": extra, no stream accounts for it";
        }
    }

    /**
     * One field with another value, or present on one side only.
     *
     * @param path dotted, with list indexes, e.g. {@code lines[1].quantity}
     * @param expected rendered BSON value, or {@code (absent)}
     * @param actual rendered BSON value, or {@code (absent)}
     */
    record Field(String collection, String viewId, String path, String expected, String actual)
            implements ViewDifference {
        @Override
        public String toString() {
            return collection + " " + viewId + ": " + path + " expected " + expected + " but was " + actual;
        }
    }
}
