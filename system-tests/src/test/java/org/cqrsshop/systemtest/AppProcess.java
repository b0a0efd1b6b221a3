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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One packaged app running as a separate JVM process, as it would in production. */
final class AppProcess implements AutoCloseable, WatchedProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private long logStart = -1;
    private Process process;

    AppProcess(String name, Map<String, String> environment) {
        this(name, name, environment);
    }

    /** @param instance names this process's log, when one app runs as several */
    AppProcess(String name, String instance, Map<String, String> environment) {
        this.name = instance;
        this.jar = Path.of(System.getProperty(name + ".jar"));
        this.port = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        this.log = Path.of(System.getProperty("logs.dir", "target/system-test-logs")).resolve(instance + ".log");
    }

    @Override
    public String name() {
        return name;
    }

    /** Where this process's output goes: its log lines, JSON unless the test said otherwise. */
    @Override
    public Path log() {
        return log;
    }

    @Override
    public long logStart() {
        return Math.max(0, logStart);
    }

    @Override
    public Optional<URI> metrics() {
        return Optional.of(url("/q/metrics"));
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    URI graphql() {
        return URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    void start() throws IOException, InterruptedException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the apps first (mvn verify does)");
        }
        Files.createDirectories(log.getParent());
        if (logStart < 0) {
            logStart = Files.exists(log) ? Files.size(log) : 0;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        RunningProcesses.started(this);
        awaitReady();
    }

    /** Kills the process without warning, as a crash or an OOM kill would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Asks the process to stop, with SIGTERM as a platform would, and waits for it.
     *
     * @return how long it took to exit
     * @throws IllegalStateException if it did not exit within {@code grace} (it is then killed)
     */
    Duration terminate(Duration grace) throws InterruptedException {
        Instant asked = Instant.now();
        process.destroy();
        if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not stop within " + grace + " of SIGTERM; see " + log);
        }
        return Duration.between(asked, Instant.now());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitReady() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest ready = HttpRequest.newBuilder(url("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
