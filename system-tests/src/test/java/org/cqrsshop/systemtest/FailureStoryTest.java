package org.cqrsshop.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureStoryTest {

    @TempDir
    Path logs;

    @Test
    void a_story_shows_the_last_log_lines_of_this_process_only_its_subscriptions_and_our_metrics() throws IOException {
        Path log = logs.resolve("query-app.log");
        Files.writeString(log, "a line of the previous test class\n");
        long start = Files.size(log);
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(n -> "line " + n)
                .collect(Collectors.joining("\n", "", "\n")), java.nio.file.StandardOpenOption.APPEND);
        WatchedProcess queryApp = process("query-app", log, start, true);

        String story = FailureStory.tell("SomeIT.some_test()", new AssertionError("expected 2 but was 1"),
                List.of(queryApp), List.of("subscription opened: subscription { productChanged { id } }"),
                metrics -> "# HELP cqrs_projected_total\n# TYPE cqrs_projected_total counter\n"
                        + "cqrs_projected_total{stream=\"product\"} 3.0\njvm_threads_live 40\n"
                        + "cqrs_lag_seconds_bucket{le=\"0.1\"} 2.0\ncqrs_lag_seconds_count 2.0\n");

        assertThat(story)
                .contains("FAILURE STORY of SomeIT.some_test()", "expected 2 but was 1",
                        "query-app (running): last 80 line(s)", "  | line 21\n", "  | line 100\n",
                        "subscription opened: subscription { productChanged { id } }",
                        "  cqrs_projected_total{stream=\"product\"} 3.0\n", "  cqrs_lag_seconds_count 2.0\n")
                .doesNotContain("line 20\n", "previous test class", "jvm_threads_live", "# HELP", "_bucket");
    }

    @Test
    void a_stopped_process_shows_its_log_but_no_metrics_are_asked_of_it() throws IOException {
        Path log = logs.resolve("command-app.log");
        Files.writeString(log, "Port 5432 refused the connection\n");

        String story = FailureStory.tell("StartIT", new IllegalStateException("not ready"),
                List.of(process("command-app", log, 0, false)), List.of(), metrics -> {
                    throw new AssertionError("asked a stopped process for its metrics");
                });

        assertThat(story).contains("command-app (stopped): last 1 line(s)", "  | Port 5432 refused the connection",
                "(stopped, no metrics to read)");
    }

    @Test
    void a_page_without_our_metrics_says_so_rather_than_printing_nothing() {
        assertThat(FailureStory.ourMetrics("jvm_threads_live 40\n"))
                .singleElement().asString().startsWith("(no cqrs_* sample in: jvm_threads_live 40");
    }

    private static WatchedProcess process(String name, Path log, long logStart, boolean running) {
        return new WatchedProcess() {
            public String name() {
                return name;
            }

            public Path log() {
                return log;
            }

            public long logStart() {
                return logStart;
            }

            public Optional<URI> metrics() {
                return Optional.of(URI.create("http://127.0.0.1:1/q/metrics"));
            }

            public boolean isRunning() {
                return running;
            }
        };
    }
}
