package org.cqrsshop.mongostandin;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-protocol server in one JVM process, for running cqrs-shop on a machine that has
 * no MongoDB. It keeps its data in an H2 file, so a restart loses nothing. It is not MongoDB: no
 * transactions, no {@code $text}, and compound non-unique indexes are accepted but ignored. Use a
 * real MongoDB everywhere else (docker-compose and the Helm chart do).
 */
public final class MongoStandIn implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path dataFile;

    private MongoStandIn(MongoServer server, InetSocketAddress address, Path dataFile) {
        this.server = server;
        this.address = address;
        this.dataFile = dataFile;
    }

    /**
     * Starts a server on {@code host:port} (port 0 picks a free one).
     *
     * @param dataFile the H2 file that keeps the data, or {@code null} to keep it in memory
     */
    public static MongoStandIn start(String host, int port, Path dataFile) throws IOException {
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
        // Change streams need the oplog; the read side will watch collections for subscriptions.
        server.enableOplog();
        server.bind(host, port);
        return new MongoStandIn(server, server.getLocalAddress(), dataFile);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        // shutdown() closes the backend too, which flushes and closes the H2 file.
        server.shutdown();
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27017;
        Path dataFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> host = value(args, ++i);
                case "--port" -> port = parsePort(value(args, ++i));
                case "--data-file" -> dataFile = Path.of(value(args, ++i));
                case "--in-memory" -> dataFile = null;
                default -> usage("unknown option " + args[i]);
            }
        }
        MongoStandIn standIn = start(host, port, dataFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            stopped.countDown();
        }, "mongo-stand-in-shutdown"));
        System.out.println("mongo-stand-in listening on " + standIn.connectionString() + " ("
                + (standIn.dataFile == null ? "in memory" : "h2 file " + standIn.dataFile.toAbsolutePath()) + ")");
        stopped.await();
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            usage(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                usage("port out of range: " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            usage("not a port: " + text);
            return -1;
        }
    }

    private static void usage(String problem) {
        System.err.println("mongo-stand-in: " + problem);
        System.err.println("usage: java -jar mongo-stand-in.jar [--bind 127.0.0.1] [--port 27017] [--data-file PATH | --in-memory]");
        System.exit(2);
    }
}
