package org.cqrsshop.query.graphql;

/** The read model has no view with this id. */
public class ViewNotFound extends RuntimeException {

    public ViewNotFound(String kind, String id) {
        super(kind + " " + id + " does not exist", null, false, false);
    }
}
