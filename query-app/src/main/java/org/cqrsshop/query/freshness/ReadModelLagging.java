package org.cqrsshop.query.freshness;

/** A view did not reach the version a client asked for within the wait timeout. */
public class ReadModelLagging extends RuntimeException {

    private final long requestedVersion;
    private final long currentVersion;

    public ReadModelLagging(String kind, String id, long requestedVersion, long currentVersion) {
        super("%s %s is at version %d, not yet at %d; retry shortly".formatted(kind, id, currentVersion, requestedVersion),
                null, false, false);
        this.requestedVersion = requestedVersion;
        this.currentVersion = currentVersion;
    }

    public long requestedVersion() {
        return requestedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
