package org.newsdesk.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.cli.Main;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.StdStreams;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong benchmark options fail at once with a clear message, before any model is loaded. */
class BenchOptionsTest {
    @TempDir
    Path tmp;

    /** Exit code and standard error of one CLI run. */
    private record Run(int code, String err) {
    }

    @RegisterExtension
    final StdStreams std = new StdStreams();

    private Run run(String... args) {
        std.resetErr();
        return new Run(Main.run(args), std.err());
    }

    @Test
    void compareWithoutQuestionsIsRefused() {
        Run r = run("bench", "--compare", "--corpus", "corpus", "--data-dir", tmp.resolve("data").toString(),
                "--out-dir", tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--compare needs --queries");
    }

    @Test
    void forceMergeWithoutGrowthAndNegativeCountsAreRefused() {
        Run merge = run("bench", "--force-merge", "--corpus", "corpus", "--data-dir", tmp.resolve("data").toString());
        Run negative = run("bench", "--warmup", "-1", "--corpus", "corpus", "--data-dir", tmp.resolve("data").toString());
        assertThat(merge.code()).isEqualTo(2);
        assertThat(negative.code()).isEqualTo(2);
        assertThat(merge.err() + negative.err())
                .contains("--force-merge only applies to --growth")
                .contains("--warmup, --max-queries, --raw-limit and --embed-sample must be 0 or more");
    }

    @Test
    void alertCalibrationNamesAMissingOrUnreadableCorpus() throws Exception {
        Run missing = run("bench", "--alerts", tmp.resolve("nope.jsonl").toString(), "--data-dir",
                tmp.resolve("data").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--alerts: no such file: " + tmp.resolve("nope.jsonl"));
        Path bad = java.nio.file.Files.writeString(tmp.resolve("bad.jsonl"), "{not json\n[1, 2]\n");
        Run unreadable = run("bench", "--alerts", bad.toString(), "--data-dir", tmp.resolve("data").toString());
        assertThat(unreadable.code()).isEqualTo(1);
        assertThat(unreadable.err()).contains("line 1: invalid JSON").contains("line 2: no article")
                .contains("none of its 2 lines is an article");
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
