package org.cqrsshop.query.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cqrsshop.common.event.EventEnvelope;
import org.cqrsshop.common.event.json.FeedJson;
import org.cqrsshop.common.feed.CommittedEvents;
import org.cqrsshop.common.feed.StoreHead;
import org.cqrsshop.common.feed.StreamEvents;

/**
 * A stand-in for the command-app's catch-up feed, holding the events a test says were committed.
 * It speaks the feed's contract (docs/architecture.md) so the query-app's own tests can show gap
 * repair and rebuilds; the system tests run the same against the real command-app.
 */
public final class FakeEventFeed implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<EventEnvelope> committed = new CopyOnWriteArrayList<>();
    /** Open unless a test holds the global feed; a held page waits for it to open. */
    private volatile CountDownLatch globalPagesGate = new CountDownLatch(0);

    public FakeEventFeed() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed/streams/", this::stream);
        server.createContext("/feed/events", this::events);
        server.createContext("/feed/head", this::head);
        server.setExecutor(handlers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The event is in the store from now on, whether or not it is ever published. */
    public void commit(EventEnvelope... events) {
        committed.addAll(List.of(events));
    }

    /** Forgets every event, as if the store were new. */
    public void clear() {
        committed.clear();
    }

    /**
     * Holds every page of the global feed until {@link #releaseGlobalPages()}, so that a test can act
     * while a rebuild runs, however long its own steps take.
     */
    public void holdGlobalPages() {
        globalPagesGate = new CountDownLatch(1);
    }

    public void releaseGlobalPages() {
        globalPagesGate.countDown();
    }

    private void stream(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        UUID streamId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        long afterVersion = Long.parseLong(query(exchange.getRequestURI()).getOrDefault("afterVersion", "0"));
        List<EventEnvelope> events = committed.stream()
                .filter(event -> event.streamId().equals(streamId) && event.streamVersion() > afterVersion)
                .sorted((a, b) -> Long.compare(a.streamVersion(), b.streamVersion()))
                .toList();
        respond(exchange, new StreamEvents(streamId, events, false));
    }

    /** The cursor is just the index of the next event: the fake commits in the order it was told. */
    private void events(HttpExchange exchange) throws IOException {
        try {
            globalPagesGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> query = query(exchange.getRequestURI());
        int from = Integer.parseInt(query.getOrDefault("after", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
        List<EventEnvelope> all = new ArrayList<>(committed);
        List<EventEnvelope> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
        int next = from + page.size();
        respond(exchange, new CommittedEvents(page, Integer.toString(next), next < all.size()));
    }

    private void head(HttpExchange exchange) throws IOException {
        long after = Long.parseLong(query(exchange.getRequestURI()).getOrDefault("afterPosition", "0"));
        List<EventEnvelope> pending = committed.stream().filter(event -> event.globalPosition() > after).toList();
        long head = committed.stream().mapToLong(EventEnvelope::globalPosition).max().orElse(0);
        Instant oldest = pending.stream().map(EventEnvelope::occurredAt).min(Comparator.naturalOrder()).orElse(null);
        respond(exchange, new StoreHead(head, pending.size(), oldest));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return parameters;
    }

    private static void respond(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = FeedJson.encode(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
