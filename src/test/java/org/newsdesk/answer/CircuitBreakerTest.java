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
        assertThat(b.allows()).isTrue();
        b.success();
        assertThat(b.allows()).isTrue();
        assertThat(b.failure()).isFalse();
    }

    @Test
    void afterTheCooldownOnlyOneOfManyConcurrentCallersGetsTheTrialCall() throws Exception {
        LlmTestData.MutableClock clock = new LlmTestData.MutableClock();
        CircuitBreaker b = new CircuitBreaker(1, 60_000, clock);
        b.failure();
        clock.advance(Duration.ofSeconds(60));
        int callers = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Boolean>> asks = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                asks.add(pool.submit(() -> {
                    start.await();
                    return b.allows();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (var ask : asks) {
                allowed += ask.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(b.isOpen()).isTrue();
        b.success();
        assertThat(b.isOpen()).isFalse();
        assertThat(b.allows()).isTrue();
        assertThat(b.allows()).isTrue(); // closed: everyone again
    }

    @Test
    void aTrialThatNeverReportsBackGivesWayToANewOneAfterAnotherCooldown() {
        LlmTestData.MutableClock clock = new LlmTestData.MutableClock();
        CircuitBreaker b = new CircuitBreaker(1, 60_000, clock);
        b.failure();
        clock.advance(Duration.ofSeconds(60));
        assertThat(b.allows()).isTrue();
        assertThat(b.allows()).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(b.allows()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.allows()).isTrue();
        assertThat(b.isOpen()).isTrue(); // asking isOpen takes no trial
        assertThat(b.allows()).isFalse();
    }
}
