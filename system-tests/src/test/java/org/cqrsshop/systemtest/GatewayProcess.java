package org.cqrsshop.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cqrsshop.testing.TestTokens;

/**
 * Hive Gateway over a running shop, started as the local run starts it ({@code gateway/run.sh}):
 * the supergraph composed from the committed subgraph schemas, for this shop's ports.
 */
final class GatewayProcess implements AutoCloseable, WatchedProcess {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** Long enough for an npm install, should gateway/setup.sh find the packages missing. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final int port;
    private final Process process;
    private final Path log;
    private final long logStart;

    private GatewayProcess(int port, Process process, Path log, long logStart) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    static GatewayProcess start(ShopSystem shop) throws IOException, InterruptedException {
        int port = freePort();
        Path logs = Path.of(System.getProperty("logs.dir", "target/system-test-logs")).toAbsolutePath();
        Files.createDirectories(logs);
        Path log = logs.resolve("gateway.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder("bash", REPOSITORY.resolve("gateway/run.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("GATEWAY_PORT", String.valueOf(port));
        builder.environment().put("GATEWAY_HOST", "127.0.0.1");
        builder.environment().put("COMMAND_APP_URL", shop.commandApp.url("").toString());
        builder.environment().put("QUERY_APP_URL", shop.queryApp.url("").toString());
        builder.environment().put("SUPERGRAPH", logs.resolve("supergraph-" + port + ".graphql").toString());
        // The gateway verifies tokens itself, with the apps' key and issuer (docs/security.md).
        builder.environment().putAll(TestTokens.appConfig());
        GatewayProcess gateway = new GatewayProcess(port, builder.start(), log, logStart);
        RunningProcesses.started(gateway);
        gateway.awaitHealthy();
        return gateway;
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public long logStart() {
        return logStart;
    }

    @Override
    public Optional<URI> metrics() {
        return Optional.empty();
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    URI graphql() {
        return URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // see GraphQL.HTTP
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthcheck"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the gateway was not healthy within " + START_TIMEOUT + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
