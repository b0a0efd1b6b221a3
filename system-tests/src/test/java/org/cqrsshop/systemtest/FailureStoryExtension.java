package org.cqrsshop.systemtest;

import org.cqrsshop.testing.SubscriptionHistory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Prints a {@link FailureStory} when a system test, or the setup of one, fails. Registered for
 * every test of this module through {@code META-INF/services} and
 * {@code junit.jupiter.extensions.autodetection.enabled}.
 *
 * <p>It handles the exception as the test method throws it, rather than in a
 * {@code TestWatcher}, because JUnit runs {@code @AfterEach} and {@code @AfterAll} before a
 * watcher hears of the failure, and those close the shop whose state the story is about.
 */
public final class FailureStoryExtension implements BeforeAllCallback, BeforeEachCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void beforeAll(ExtensionContext context) {
        RunningProcesses.forgetStopped();
        SubscriptionHistory.forget();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        SubscriptionHistory.forget();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        tell(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        tell(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        tell(context, failure);
        throw failure;
    }

    private static void tell(ExtensionContext context, Throwable failure) {
        if (failure instanceof TestAbortedException) {
            return;
        }
        try {
            String story = FailureStory.tell(context.getUniqueId().contains("[method:")
                            ? context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName()
                            : context.getDisplayName(),
                    failure, RunningProcesses.all(), SubscriptionHistory.describe());
            // One write, so that the story is not interleaved with the apps' threads' output.
            System.out.print(story);
            System.out.flush();
        } catch (RuntimeException storyFailed) {
            // The test's own failure is what matters; a story that cannot be told must not hide it.
            failure.addSuppressed(storyFailed);
        }
    }
}
