package org.newsdesk.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong benchmark options fail at once with a clear message, before any model is loaded. */
class BenchOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void compareWithoutQuestionsIsRefused() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("bench", "--compare", "--corpus", "corpus", "--data-dir", tmp.resolve("data").toString(),
                    "--out-dir", tmp.resolve("out").toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--compare needs --queries");
    }

    @Test
    void forceMergeWithoutGrowthAndNegativeCountsAreRefused() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int merge;
        int negative;
        try {
            merge = Main.run("bench", "--force-merge", "--corpus", "corpus", "--data-dir", tmp.resolve("data").toString());
            negative = Main.run("bench", "--warmup", "-1", "--corpus", "corpus", "--data-dir", tmp.resolve("data").toString());
        } finally {
            System.setErr(old);
        }
        assertThat(merge).isEqualTo(2);
        assertThat(negative).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--force-merge only applies to --growth")
                .contains("--warmup, --max-queries, --raw-limit and --embed-sample must be 0 or more");
    }

    @Test
    void growthSizesMustBePositiveAndAreSorted() {
        assertThatThrownBy(() -> new GrowthBench.Options(List.of(10, 0), null, tmp, tmp, 1, 1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sizes");
        assertThatThrownBy(() -> new GrowthBench.Options(List.of(), null, tmp, tmp, 1, 1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new GrowthBench.Options(List.of(100000, 10000, 10000), null, tmp, tmp, 1, 1, 1, 1, false).sizes())
                .containsExactly(10000, 100000);
    }
}
