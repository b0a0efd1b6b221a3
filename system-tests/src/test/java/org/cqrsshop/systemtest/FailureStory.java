package org.cqrsshop.systemtest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What a failed system test prints so that it can be diagnosed from the CI log alone: each app's
 * last log lines, what its subscriptions received, and each running app's {@code cqrs_*} metrics.
 */
final class FailureStory {

    static final int LOG_LINES = 80;
    /** Enough for {@link #LOG_LINES} lines of JSON log; a longer line is cut at the window's start. */
    private static final int LOG_WINDOW_BYTES = 256 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FailureStory() {}

    /** The story of a failed test, scraping the metrics of the processes that still run. */
    static String tell(String failedTest, Throwable failure, List<WatchedProcess> processes,
            List<String> subscriptions) {
        return tell(failedTest, failure, processes, subscriptions, FailureStory::scrape);
    }

    static String tell(String failedTest, Throwable failure, List<WatchedProcess> processes,
            List<String> subscriptions, Function<URI, String> metricsReader) {
        StringBuilder story = new StringBuilder();
        String rule = "=".repeat(24);
        story.append('\n').append(rule).append(" FAILURE STORY of ").append(failedTest).append(' ').append(rule).append('\n');
        story.append("failure: ").append(failure).append('\n');
        if (processes.isEmpty()) {
            story.append("(no app process was started)\n");
        }
        for (WatchedProcess process : processes) {
            List<String> lines = lastLines(process.log(), process.logStart(), LOG_LINES);
            story.append("---- ").append(process.name()).append(process.isRunning() ? " (running)" : " (stopped)")
                    .append(": last ").append(lines.size()).append(" line(s) of ").append(process.log()).append('\n');
            lines.forEach(line -> story.append("  | ").append(line).append('\n'));
        }
        story.append("---- subscriptions: what each received\n");
        subscriptions.forEach(line -> story.append("  ").append(line).append('\n'));
        for (WatchedProcess process : processes) {
            if (process.metrics().isEmpty()) {
                continue;
            }
            story.append("---- ").append(process.name()).append(": cqrs_* metrics\n");
            if (!process.isRunning()) {
                story.append("  (stopped, no metrics to read)\n");
                continue;
            }
            ourMetrics(metricsReader.apply(process.metrics().get()))
                    .forEach(line -> story.append("  ").append(line).append('\n'));
        }
        story.append(rule).append(" END OF FAILURE STORY of ").append(failedTest).append(' ').append(rule).append('\n');
        return story.toString();
    }

    /**
     * The samples of our own metrics in a Prometheus page, without their HELP and TYPE comments, and
     * without histogram buckets: a hundred lines that the count, sum and max already summarise.
     */
    static List<String> ourMetrics(String prometheusPage) {
        List<String> ours = prometheusPage.lines()
                .filter(line -> line.startsWith("cqrs_") && !line.matches("cqrs_\\w*_bucket\\{.*")).toList();
        return ours.isEmpty() ? List.of("(no cqrs_* sample in: " + abbreviate(prometheusPage) + ")") : ours;
    }

    /** Up to {@code count} last lines of {@code log} written at or after byte {@code from}. */
    static List<String> lastLines(Path log, long from, int count) {
        if (!Files.exists(log)) {
            return List.of("(no log at " + log + ")");
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(from, file.length() - LOG_WINDOW_BYTES);
            byte[] window = new byte[(int) Math.max(0, file.length() - start)];
            file.seek(start);
            file.readFully(window);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(window, StandardCharsets.UTF_8).split("\n")));
            lines.removeIf(String::isBlank);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e + ")");
        }
    }

    private static String scrape(URI metrics) {
        try {
            HttpRequest request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "(could not read " + metrics + ": " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted while reading " + metrics + ")";
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
