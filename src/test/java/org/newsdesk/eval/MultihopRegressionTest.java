package org.newsdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.Answer;
import org.newsdesk.app.App;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.search.SearchRequest;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pinned MultiHop-RAG dev figures (src/test/resources/regression/multihop-dev.yaml): indexes the corpus in
 * ../shared with the shipped settings, answers every dev question through the real {@link Evaluator}, and fails
 * when any figure, rounded to the file's precision, moved. Not in the default run (several minutes of embedding):
 * {@code mvn -B clean verify -Pregression}, which .ci/run runs.
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
        JsonNode spec;
        try (InputStream in = MultihopRegressionTest.class.getClassLoader().getResourceAsStream(FILE)) {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Path corpus = Path.of(spec.path("corpus").asText());
        Path questions = Path.of(spec.path("questions").asText());
        assumeTrue(Files.isDirectory(corpus) && Files.isRegularFile(questions),
                "regression skipped: " + corpus.toAbsolutePath().normalize() + " or " + questions
                        + " is absent (the shared benchmark data sits beside the checkout as ../shared)");
        int decimals = spec.path("precision").asInt(3);
        Map<String, Double> expected = new LinkedHashMap<>();
        spec.path("figures").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asDouble()));

        Map<String, Double> actual;
        try (App app = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus))) {
            ReindexResult built = app.reindex().run(true, ReindexListener.NONE);
            List<QaItem> items = QaItem.read(questions);
            Evaluator evaluator = new Evaluator();
            SearchRequest.Mode mode = SearchRequest.Mode.parse(app.config().search().mode());
            for (QaItem q : items) {
                Answer a = app.answers().ask(q.query(), spec.path("k").asInt(10), mode);
                evaluator.add(q, a);
            }
            actual = RegressionFigures.of(evaluator.report(), built.articles(), built.passages());
        }
        // Written beside the build's output, so that updating the file after an intended change is a copy.
        Path out = Path.of("target", "regression", "multihop-dev.actual.yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, RegressionFigures.yaml(actual, decimals));

        RegressionFigures.Comparison c = RegressionFigures.compare(expected, actual, decimals);
        assertThat(c.differences())
                .as("MultiHop-RAG dev figures moved (%s). Expected (%s) against actual, to %d decimals:%n%s"
                                + "If the change is intended, copy %s into the figures block of %s.",
                        c.differences(), "src/test/resources/" + FILE, decimals, c.report(), out,
                        "src/test/resources/" + FILE)
                .isEmpty();
    }
}
