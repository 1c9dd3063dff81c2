package org.newsdesk.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pinned MultiHop-RAG dev figures (src/test/resources/regression/multihop-dev.yaml): indexes the corpus in
 * ../shared with the shipped settings, answers every dev question through the real {@link Evaluator}, and fails
 * when any figure, rounded to the file's precision, moved. Not in the default run (several minutes of embedding):
 * {@code mvn -B clean verify -Pregression}. CI's default run checks the keyword-only pin instead
 * ({@link MultihopKeywordRegressionTest}, seconds).
 */
@Tag("regression")
@Tag("slow")
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class MultihopRegressionTest {
    private static final String FILE = "regression/multihop-dev.yaml";

    @TempDir
    Path tmp;

    @Test
    void devFiguresAreThePinnedOnes() throws Exception {
        RegressionRun.Outcome figures = RegressionRun.run(FILE, tmp, TestFixtures::app, null);
        assertThat(figures.moved()).as(figures.explanation()).isEmpty();
    }
}
