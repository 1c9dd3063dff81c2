package org.newsdesk.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scaling check tells a linear scan from a quadratic one. */
class LinearTimeTest {
    @Test
    void aLinearScanPasses() {
        LinearTime.assertLinear("a character count", n -> "ab".repeat(n / 2),
                50_000, s -> sink = s.chars().filter(c -> c == 'a').count());
    }

    /** Keeps the JIT from dropping the scans' results. */
    static volatile long sink;

    /** Compares every character with every later one: n * n / 2 steps. */
    static void quadratic(String t) {
        long same = 0;
        for (int i = 0; i < t.length(); i++) {
            for (int j = i + 1; j < t.length(); j++) {
                if (t.charAt(i) == t.charAt(j)) {
                    same++;
                }
            }
        }
        sink = same;
    }

    @Test
    void aQuadraticScanFails() {
        LinearTime.Scaling s = LinearTime.measure(n -> "ab".repeat(n / 2), 8_000, LinearTimeTest::quadratic);
        assertThat(s.ratio()).as("%s", s).isGreaterThan(LinearTime.MAX_RATIO);
        assertThatThrownBy(() -> LinearTime.assertLinear("pairs", n -> "ab".repeat(n / 2), 8_000,
                LinearTimeTest::quadratic)).isInstanceOf(AssertionError.class).hasMessageContaining("not linear");
    }
}
