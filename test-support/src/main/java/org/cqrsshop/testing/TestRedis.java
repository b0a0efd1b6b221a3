package org.cqrsshop.testing;

import java.util.Map;
import java.util.UUID;

/**
 * The real Redis for one test run: keys and channels under a prefix of the run's own, reached
 * through a {@link TcpProxy} so that a test can take Redis away from the app and give it back.
 * Nothing needs removing afterwards: cache entries expire and channels leave nothing behind.
 */
public final class TestRedis implements AutoCloseable {

    public final String host = TestPostgres.env("CQRS_TEST_REDIS_HOST", "127.0.0.1");
    public final int port = Integer.parseInt(TestPostgres.env("CQRS_TEST_REDIS_PORT", "6379"));
    public final String keyPrefix;
    /** The apps' way to Redis; {@link TcpProxy#cut()} makes Redis unreachable for them. */
    public final TcpProxy link;

    private TestRedis(String keyPrefix) {
        this.keyPrefix = keyPrefix;
        this.link = TcpProxy.to(host, port);
    }

    public static TestRedis forRun(String purpose) {
        return new TestRedis("cqrs-test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }

    /** Settings in the names the apps read; they connect through {@link #link}. */
    public Map<String, String> appConfig() {
        return Map.of(
                "REDIS_URL", "redis://127.0.0.1:" + link.port(),
                "REDIS_KEY_PREFIX", keyPrefix);
    }

    @Override
    public void close() {
        link.close();
    }
}
