package org.newsdesk.answer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {
    @Test
    void opensAfterConsecutiveFailuresAndRetriesAfterCooldown() {
        LlmTestData.MutableClock clock = new LlmTestData.MutableClock();
        CircuitBreaker b = new CircuitBreaker(3, 60_000, clock);
        b.failure();
        b.failure();
        b.success(); // resets the count
        assertThat(b.failure()).isFalse();
        assertThat(b.failure()).isFalse();
        assertThat(b.allows()).isTrue();
        assertThat(b.failure()).isTrue();
        assertThat(b.allows()).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(b.allows()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.allows()).isTrue();
        assertThat(b.failure()).isTrue(); // the trial call failed: open again at once
        assertThat(b.allows()).isFalse();
        clock.advance(Duration.ofSeconds(60));
        b.success();
        assertThat(b.allows()).isTrue();
        assertThat(b.failure()).isFalse();
    }
}
