package org.newsdesk.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    @Test
    void doublesUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 0);
        assertThat(b.delay(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(b.delay(1_000)).isEqualTo(Duration.ofSeconds(8)); // no overflow
    }

    @Test
    void jitterSpreadsCallersRefusedTogetherWithinAFifth() {
        Backoff b = new Backoff(Duration.ofSeconds(60), Duration.ofHours(1), 0.2);
        Random random = new Random(42);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Duration d = b.delay(1, random);
            assertThat(d).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(144));
            seen.add(d);
        }
        assertThat(seen.size()).as("different pauses").isGreaterThan(50);
        assertThat(b.delay(20, random)).isEqualTo(Duration.ofHours(1)); // the cap holds with jitter too
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
