package org.newsdesk.eval;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.app.App;
import org.newsdesk.bench.HashingEmbeddingModel;
import org.newsdesk.index.Embedder;
import org.newsdesk.search.SearchRequest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast pin CI's default run checks (src/test/resources/regression/multihop-dev-bm25.yaml): the MultiHop-RAG dev
 * figures with keyword retrieval alone (BM25), so the corpus need not be embedded by the real model. The index still
 * gets vectors, from the hashing stand-in (microseconds a passage), and every question is answered with
 * {@link SearchRequest.Mode#BM25}: retrieval, duplicate collapse, answer extraction, citations and abstention are all
 * the shipped code. The hybrid figures stay pinned by {@link MultihopRegressionTest} under -Pregression.
 */
@Tag("slow")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MultihopKeywordRegressionTest {
    private static final String FILE = "regression/multihop-dev-bm25.yaml";

    @TempDir
    Path tmp;

    @Test
    void keywordDevFiguresAreThePinnedOnes() throws Exception {
        RegressionRun.Outcome figures = RegressionRun.run(FILE, tmp,
                config -> new App(config, Clock.systemUTC(), Embedder.of("hashing-384", new HashingEmbeddingModel(384, 7))),
                SearchRequest.Mode.BM25);
        assertThat(figures.moved()).as(figures.explanation()).isEmpty();
    }
}
