package org.cqrsshop.query.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VersionWaitTest {

    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void a_wait_pauses_until_the_next_poll_or_the_deadline_whichever_comes_first() {
        assertThat(VersionWait.pause(Duration.ofSeconds(3), POLL)).isEqualTo(POLL);
        assertThat(VersionWait.pause(Duration.ofMillis(40), POLL)).isEqualTo(Duration.ofMillis(40));
    }

    /** CI run 1 of stop 22: 0.4 ms before the deadline, the timer threw and the query hung for good. */
    @Test
    void a_deadline_under_a_millisecond_away_still_gets_a_timer_vertx_can_set() {
        assertThat(VersionWait.pause(Duration.ofNanos(400_000), POLL)).isEqualTo(Duration.ofMillis(1));
        assertThat(VersionWait.pause(Duration.ofNanos(1), POLL)).isEqualTo(Duration.ofMillis(1));
    }
}
