package org.cqrsshop.systemtest;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** A process a system test started, as {@link FailureStory} tells about it when the test fails. */
interface WatchedProcess {

    /** The name its log goes by: {@code command-app}, {@code query-app-2}, {@code gateway}. */
    String name();

    Path log();

    /**
     * Where this process's part of its log begins: the file is appended to by every test class
     * in the run, and only this process's lines tell its story.
     */
    long logStart();

    /** Its Prometheus endpoint, if it has one. */
    Optional<URI> metrics();

    boolean isRunning();
}
