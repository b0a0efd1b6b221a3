package org.cqrsshop.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * The real Redis for one test run: keys under a prefix of the run's own, reached through a
 * {@link TcpProxy} so that a test can take Redis away from the app and give it back. Cache entries
 * expire by themselves; the change log (a stream) is deleted when the run ends.
 */
public final class TestRedis implements AutoCloseable {

    public final String host = TestPostgres.env("CQRS_TEST_REDIS_HOST", "127.0.0.1");
    public final int port = Integer.parseInt(TestPostgres.env("CQRS_TEST_REDIS_PORT", "6379"));
    public final String keyPrefix;
    /** The apps' way to Redis; {@link TcpProxy#cut()} makes Redis unreachable for them. */
    public final TcpProxy link;
    /** The key of the query-app's change log, under the prefix (its ChangeLog). */
    public static final String CHANGE_LOG = "changes";

    private TestRedis(String keyPrefix) {
        this.keyPrefix = keyPrefix;
        this.link = TcpProxy.to(host, port);
    }

    public static TestRedis forRun(String purpose) {
        return new TestRedis("cqrs-test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }

    /** Settings in the names the apps read; they connect through {@link #link}. */
    public Map<String, String> appConfig() {
        return appConfig(link);
    }

    /** Settings for an app that reaches Redis through a link of its own ({@link #newLink()}). */
    public Map<String, String> appConfig(TcpProxy via) {
        return Map.of(
                "REDIS_URL", "redis://127.0.0.1:" + via.port(),
                "REDIS_KEY_PREFIX", keyPrefix);
    }

    /** Another way to the same Redis, so that a test can take it away from one app and not the others. */
    public TcpProxy newLink() {
        return TcpProxy.to(host, port);
    }

    /**
     * Deletes one of the run's keys straight on the server, past the link, as a Redis that
     * restarted without its data would have lost it.
     *
     * @param key the key without the run's prefix, such as {@link #CHANGE_LOG}
     */
    public void delete(String key) {
        command("DEL", keyPrefix + key);
    }

    @Override
    public void close() {
        try {
            delete(CHANGE_LOG);
        } finally {
            link.close();
        }
    }

    /** One command in Redis's wire protocol; returns the first line of the reply. */
    private String command(String... words) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (reply == null || reply.startsWith("-")) {
                throw new IllegalStateException("Redis refused " + words[0] + ": " + reply);
            }
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach Redis at " + host + ":" + port, e);
        }
    }
}
