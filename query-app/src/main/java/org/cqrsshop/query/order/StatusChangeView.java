package org.cqrsshop.query.order;

import java.time.Instant;

/** An order entered {@code status} at {@code at}, with the event of stream version {@code version}. */
public class StatusChangeView {

    public String status;
    public Instant at;
    public long version;

    public StatusChangeView() {}

    StatusChangeView(String status, Instant at, long version) {
        this.status = status;
        this.at = at;
        this.version = version;
    }
}
