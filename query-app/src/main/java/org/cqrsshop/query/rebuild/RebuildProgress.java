package org.cqrsshop.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Where the last rebuild stands, as stored in MongoDB so that every replica reports the same.
 *
 * @param eventsApplied events replayed so far, the final catch-up included
 * @param eventsPerSecond events replayed per second of the rebuild so far
 * @param heartbeatAt when the running rebuild last made progress; a stale one may be taken over
 */
public record RebuildProgress(
        RebuildState state,
        Instant startedAt,
        Instant finishedAt,
        Instant heartbeatAt,
        long eventsApplied,
        double eventsPerSecond,
        long lastPosition,
        String error) {

    static final RebuildProgress NEVER_RUN = new RebuildProgress(RebuildState.NEVER_RUN, null, null, null, 0, 0, 0, null);

    static RebuildProgress started(Instant now) {
        return new RebuildProgress(RebuildState.RUNNING, now, null, now, 0, 0, 0, null);
    }

    RebuildProgress applied(int events, long position, Instant now) {
        long total = eventsApplied + events;
        return new RebuildProgress(state, startedAt, null, now, total, rate(total, now), Math.max(lastPosition, position), null);
    }

    RebuildProgress succeeded(Instant now) {
        return new RebuildProgress(RebuildState.SUCCEEDED, startedAt, now, now, eventsApplied, rate(eventsApplied, now),
                lastPosition, null);
    }

    RebuildProgress failed(Instant now, String reason) {
        return new RebuildProgress(RebuildState.FAILED, startedAt, now, now, eventsApplied, rate(eventsApplied, now),
                lastPosition, reason);
    }

    private double rate(long events, Instant now) {
        long millis = Math.max(1, Duration.between(startedAt, now).toMillis());
        return events * 1000.0 / millis;
    }

    Document toDocument() {
        return new Document("state", state.name())
                .append("startedAt", date(startedAt))
                .append("finishedAt", date(finishedAt))
                .append("heartbeatAt", date(heartbeatAt))
                .append("eventsApplied", eventsApplied)
                .append("eventsPerSecond", eventsPerSecond)
                .append("lastPosition", lastPosition)
                .append("error", error);
    }

    static RebuildProgress of(Document stored) {
        if (stored == null) {
            return NEVER_RUN;
        }
        return new RebuildProgress(
                RebuildState.valueOf(stored.getString("state")),
                instant(stored.getDate("startedAt")),
                instant(stored.getDate("finishedAt")),
                instant(stored.getDate("heartbeatAt")),
                stored.get("eventsApplied", Number.class).longValue(),
                stored.get("eventsPerSecond", Number.class).doubleValue(),
                stored.get("lastPosition", Number.class).longValue(),
                stored.getString("error"));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
