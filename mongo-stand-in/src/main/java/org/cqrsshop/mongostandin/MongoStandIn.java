package org.cqrsshop.mongostandin;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A MongoDB wire-protocol server in one JVM process, for running cqrs-shop on a machine that has
 * no MongoDB. With a data file it keeps its data in H2, so a restart loses nothing. It is not
 * MongoDB: no transactions, no {@code $text}, and compound non-unique indexes are accepted but
 * ignored. Use a real MongoDB everywhere else (docker-compose and the Helm chart do).
 */
public final class MongoStandIn implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";
    static final int DEFAULT_PORT = 27017;

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path dataFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MongoStandIn(MongoServer server, InetSocketAddress address, Path dataFile) {
        this.server = server;
        this.address = address;
        this.dataFile = dataFile;
    }

    /**
     * Starts a server on {@code 127.0.0.1:port}.
     *
     * @param port the port, or 0 for any free one ({@link #port()} tells which)
     * @param dataFile the H2 file that keeps the data, or {@code null} to keep it in memory
     */
    public static MongoStandIn start(int port, Path dataFile) throws IOException {
        return start(LOOPBACK, port, dataFile);
    }

    /**
     * Starts a server on {@code host:port}.
     *
     * @param port the port, or 0 for any free one ({@link #port()} tells which)
     * @param dataFile the H2 file that keeps the data, or {@code null} to keep it in memory
     */
    public static MongoStandIn start(String host, int port, Path dataFile) throws IOException {
        return start(new InetSocketAddress(host, port), dataFile);
    }

    /**
     * Starts a server on {@code address}.
     *
     * @param address where to listen; port 0 picks any free one ({@link #port()} tells which)
     * @param dataFile the H2 file that keeps the data, or {@code null} to keep it in memory
     */
    public static MongoStandIn start(InetSocketAddress address, Path dataFile) throws IOException {
        MongoBackend backend;
        if (dataFile == null) {
            backend = new MemoryBackend();
        } else {
            Path parent = dataFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            backend = new H2Backend(dataFile.toString());
        }
        MongoServer server = new MongoServer(backend);
        // Change streams need the oplog; the read side watches collections for subscriptions.
        server.enableOplog();
        // On failure bind() shuts the server down itself, which also releases the H2 file.
        server.bind(address);
        return new MongoStandIn(server, server.getLocalAddress(), dataFile);
    }

    /** A connection string that reaches this server, also when it listens on every interface. */
    public String connectionString() {
        String host = address.getAddress().isAnyLocalAddress() ? LOOPBACK : address.getHostString();
        return "mongodb://" + uriHost(host) + ":" + address.getPort();
    }

    /** The address the server listens on, with the port it actually got. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** The H2 file that keeps the data; empty when the data lives in memory only. */
    public Optional<Path> dataFile() {
        return Optional.ofNullable(dataFile);
    }

    /** Stops listening, drops the connections and closes the H2 file. Safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mongo-stand-in: " + e.getMessage());
            System.err.println("usage: java -jar mongo-stand-in.jar [--bind ADDR] [--port N] [--data-file PATH | --in-memory]");
            System.exit(2);
            return;
        }

        MongoStandIn standIn;
        try {
            standIn = start(options.bind(), options.port(), options.dataFileOrNull());
        } catch (Exception e) {
            // bind() rethrows a BindException without declaring it, so catch broadly here.
            System.err.println("mongo-stand-in: cannot start on " + options.bind() + ":" + options.port()
                    + (options.dataFileOrNull() == null ? "" : " with " + options.dataFileOrNull()) + ": " + e);
            System.exit(1);
            return;
        }

        // Closing on SIGTERM/SIGINT is what keeps the H2 file consistent; a kill -9 may lose
        // the last second of writes.
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            closed.countDown();
        }, "mongo-stand-in-shutdown"));
        System.out.println("mongo-stand-in listening on mongodb://" + uriHost(standIn.address.getHostString())
                + ":" + standIn.port() + " ("
                + standIn.dataFile().map(file -> "h2 file " + file.toAbsolutePath()).orElse("in memory") + ")");
        closed.await();
    }

    private static String uriHost(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The command line, checked before anything starts. */
    record Options(String bind, int port, Path dataFileOrNull) {

        static Options parse(String... args) {
            String bind = LOOPBACK;
            int port = DEFAULT_PORT;
            Path dataFile = null;
            boolean inMemory = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--bind" -> bind = valueOf(option, args, ++i);
                    case "--port" -> port = parsePort(valueOf(option, args, ++i));
                    case "--data-file" -> dataFile = Path.of(valueOf(option, args, ++i));
                    case "--in-memory" -> inMemory = true;
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (inMemory && dataFile != null) {
                throw new IllegalArgumentException("--in-memory and --data-file exclude each other");
            }
            return new Options(bind, port, dataFile);
        }

        private static String valueOf(String option, String[] args, int index) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int parsePort(String text) {
            int port;
            try {
                port = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + text);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + text);
            }
            return port;
        }
    }
}
