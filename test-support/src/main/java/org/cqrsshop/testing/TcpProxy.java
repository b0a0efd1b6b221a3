package org.cqrsshop.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP link between an app and a real server that a test can cut and restore, to show what
 * the app does when the network or the server goes away. The server itself keeps running, so
 * other runs sharing it are not disturbed.
 *
 * <p>It can also hold back what the app sends by a fixed {@linkplain #delay(Duration) delay},
 * as a slower network would: each chunk read from the app reaches the server that much later,
 * in the order it was sent, so every request and response round trip takes the delay longer.
 * Replies travel back at once. Chunks are timed one by one as they arrive, not one after the
 * other, so requests on one connection overlap their delays instead of queueing behind them.
 *
 * <p>A bench script runs it on its own:
 * {@code java -cp test-support.jar org.cqrsshop.testing.TcpProxy <listen-port> <host:port> [delay-ms]}.
 */
public final class TcpProxy implements AutoCloseable {

    /** Chunks held back per connection; past it the proxy stops reading and TCP slows the sender. */
    private static final int HELD_CHUNKS = 64;
    private static final int CHUNK_BYTES = 16 * 1024;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile long delayNanos;

    private TcpProxy(int listenPort, String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free port of the loopback interface. */
    public static TcpProxy to(String host, int port) {
        return listening(0, host, port);
    }

    /** A proxy on the given port of the loopback interface (0 for a free one). */
    public static TcpProxy listening(int listenPort, String host, int port) {
        try {
            return new TcpProxy(listenPort, host, port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /**
     * From now on what the app sends reaches the server {@code delay} later, on open connections
     * too; {@link Duration#ZERO} forwards it at once again. Chunks already held keep the delay
     * they were given, so nothing overtakes what was sent before it.
     */
    public TcpProxy delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        delayNanos = delay.toNanos();
        return this;
    }

    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(targetHost, targetPort);
                // Small requests must not wait for more to fill a segment, or the delay would not be the only one.
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                pumpHeldBack(client, server);
                pump(server, client);
            } catch (IOException e) {
                // the listener was closed, or the target refused: the client sees a dropped link
            }
        }
    }

    private void pump(Socket from, Socket to) {
        start("tcp-proxy-pump", () -> {
            byte[] buffer = new byte[CHUNK_BYTES];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException dropped) {
                // one side went away; closing both below ends the other pump too
            } finally {
                drop(from, to);
            }
        });
    }

    /**
     * Like {@link #pump}, but each chunk waits in a queue until its time is due; a second thread
     * writes them out in the order they were read. An empty chunk marks the end of the stream.
     */
    private void pumpHeldBack(Socket from, Socket to) {
        BlockingQueue<HeldChunk> held = new ArrayBlockingQueue<>(HELD_CHUNKS);
        start("tcp-proxy-read", () -> {
            byte[] buffer = new byte[CHUNK_BYTES];
            try (InputStream in = from.getInputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    held.put(new HeldChunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, read)));
                }
            } catch (IOException | InterruptedException dropped) {
                // one side went away; the writer ends with the end-of-stream chunk
            } finally {
                endOfStream(held, from, to);
            }
        });
        start("tcp-proxy-write", () -> {
            try (OutputStream out = to.getOutputStream()) {
                for (HeldChunk chunk; (chunk = held.take()).bytes.length > 0; ) {
                    chunk.awaitDue();
                    out.write(chunk.bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException dropped) {
                // one side went away
            } finally {
                drop(from, to);
                // the reader may be blocked on a full queue: make room so that it sees the closed socket
                held.clear();
            }
        });
    }

    private void endOfStream(BlockingQueue<HeldChunk> held, Socket from, Socket to) {
        try {
            while (!held.offer(HeldChunk.END, 100, TimeUnit.MILLISECONDS)) {
                if (to.isClosed()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // The writer closes both once it has written what was held; a dropped server needs no wait.
            if (to.isClosed()) {
                drop(from, to);
            }
        }
    }

    private void drop(Socket from, Socket to) {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
    }

    private record HeldChunk(long dueNanos, byte[] bytes) {

        static final HeldChunk END = new HeldChunk(0, new byte[0]);

        void awaitDue() throws InterruptedException {
            for (long left; (left = dueNanos - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        }
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    /**
     * {@code TcpProxy <listen-port> <host:port> [delay-ms]}: forwards the loopback port to the
     * target, holding what clients send back by the delay, until the process is stopped. Prints
     * the port it listens on once it does.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 3 || !args[1].contains(":")) {
            System.err.println("usage: TcpProxy <listen-port> <host:port> [delay-ms]");
            System.exit(2);
        }
        String target = args[1];
        int colon = target.lastIndexOf(':');
        TcpProxy proxy = listening(Integer.parseInt(args[0]), target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)));
        proxy.delay(Duration.ofMillis(args.length == 3 ? Long.parseLong(args[2]) : 0));
        System.out.println("TcpProxy listening on " + proxy.port() + ", forwarding to " + target
                + " with what clients send delayed by " + proxy.delay().toMillis() + " ms");
        new CountDownLatch(1).await();
    }
}
