package org.cqrsshop.query.change;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XReadArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cqrsshop.query.cache.CacheConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The change log: a Redis stream that every replica appends its change notices to and reads all
 * of them from, each from the last entry it read. Unlike a pub/sub channel, a reader that loses
 * its connection takes up where it left off, so a notice is lost only when Redis itself loses it
 * (a restart) or the log was trimmed past the reader ({@link SubscriptionConfig#changeLogLength()}).
 */
@ApplicationScoped
public class ChangeLog {

    /** The id before every entry: reading after it reads the whole log. */
    public static final String START = "0-0";
    /** How long one read waits for an entry before it asks again. */
    static final Duration READ_WAIT = Duration.ofSeconds(2);
    private static final int READ_BATCH = 512;
    private static final String NOTICE = "notice";
    private static final String GAP = "gap";

    private final ReactiveStreamCommands<String, String, String> streams;
    private final String key;
    private final XAddArgs trimmed;
    private final Duration timeout;

    public ChangeLog(ReactiveRedisDataSource redis, @ConfigProperty(name = "cqrs-shop.redis.key-prefix") String prefix,
            SubscriptionConfig config, CacheConfig redisLimits) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.key = key(prefix);
        this.trimmed = new XAddArgs().maxlen((long) config.changeLogLength()).nearlyExactTrimming();
        this.timeout = redisLimits.redisTimeout();
    }

    static String key(String keyPrefix) {
        return keyPrefix + "changes";
    }

    /** One entry of the log: a notice (as JSON), or a mark that notices were lost before it. */
    record Entry(String id, String notice) {

        boolean marksGap() {
            return notice == null;
        }
    }

    Uni<Void> append(ViewChange change) {
        return timed(streams.xadd(key, trimmed, Map.of(NOTICE, change.toJson()))).replaceWithVoid();
    }

    /** Tells every reader that notices were lost here, so that each catches its subscriptions up. */
    Uni<Void> appendGap() {
        return timed(streams.xadd(key, trimmed, Map.of(GAP, "notices were lost"))).replaceWithVoid();
    }

    /** The newest entry, or one with the id {@link #START} and no notice while the log is empty. */
    Uni<Entry> newest() {
        return timed(streams.xrevrange(key, StreamRange.of("+", "-"), 1))
                .map(newest -> newest == null || newest.isEmpty() ? new Entry(START, null) : entry(newest.get(0)));
    }

    /** The entries after {@code id}, in order, waiting up to {@link #READ_WAIT} for the first one. */
    Uni<List<Entry>> readAfter(String id) {
        return streams.xread(key, id, new XReadArgs().count(READ_BATCH).block(READ_WAIT))
                .ifNoItem().after(READ_WAIT.plus(timeout).plus(timeout)).fail()
                .map(messages -> messages == null ? List.of() : messages.stream().map(ChangeLog::entry).toList());
    }

    /**
     * Whether the log still holds the entry {@code id}. Trimming removes the oldest entries first,
     * so while it does, nothing after it was trimmed unread; when it does not, something may have
     * been (or Redis lost the log).
     */
    Uni<Boolean> holds(String id) {
        return timed(streams.xrange(key, StreamRange.of(id, id), 1)).map(found -> found != null && !found.isEmpty());
    }

    private <T> Uni<T> timed(Uni<T> command) {
        return command.ifNoItem().after(timeout).fail();
    }

    private static Entry entry(StreamMessage<String, String, String> message) {
        return new Entry(message.id(), message.payload().get(NOTICE));
    }
}
