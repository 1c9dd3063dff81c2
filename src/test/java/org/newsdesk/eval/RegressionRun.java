package org.newsdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.newsdesk.answer.Answer;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.search.SearchRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One Anserini-style regression run: reads a pinned file under src/test/resources/regression/, indexes its corpus
 * with the app the caller builds, answers every question of its split through the real {@link Evaluator}, writes
 * the measured figures to target/regression/NAME.actual.yaml and reports which figures, rounded to the file's
 * precision, moved. Skipped with a message when the shared benchmark data is absent.
 */
final class RegressionRun {
    private RegressionRun() {
    }

    /**
     * A path of the file, relative to the checkout; {@code -Dnewsdesk.shared=DIR} stands for its leading
     * {@code ../shared} (a worktree that does not sit beside the shared data).
     */
    static Path shared(String path) {
        String dir = System.getProperty("newsdesk.shared");
        return dir != null && path.startsWith("../shared/") ? Path.of(dir, path.substring("../shared/".length()))
                : Path.of(path);
    }

    /**
     * @param file  the pinned file, e.g. {@code regression/multihop-dev.yaml}
     * @param app   builds the app over a config (its data dir under {@code tmp}, its corpus the file's)
     * @param mode  the search mode questions are answered with; null: the config's {@code search.mode}
     */
    static Outcome run(String file, Path tmp, Function<NewsdeskConfig, App> app, SearchRequest.Mode mode)
            throws IOException {
        JsonNode spec;
        try (InputStream in = RegressionRun.class.getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as(file + " on the test class path").isNotNull();
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Path corpus = shared(spec.path("corpus").asText());
        Path questions = shared(spec.path("questions").asText());
        assumeTrue(Files.isDirectory(corpus) && Files.isRegularFile(questions),
                "regression skipped: " + corpus.toAbsolutePath().normalize() + " or " + questions
                        + " is absent (the shared benchmark data sits beside the checkout as ../shared)");
        int decimals = spec.path("precision").asInt(3);
        Map<String, Double> expected = new LinkedHashMap<>();
        spec.path("figures").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asDouble()));

        Map<String, Double> actual;
        try (App a = app.apply(org.newsdesk.TestFixtures.config(tmp.resolve("data"), corpus))) {
            ReindexResult built = a.reindex().run(true, ReindexListener.NONE);
            List<QaItem> items = QaItem.read(questions);
            Evaluator evaluator = new Evaluator();
            SearchRequest.Mode m = mode != null ? mode : SearchRequest.Mode.parse(a.config().search().mode());
            for (QaItem q : items) {
                Answer answer = a.answers().ask(q.query(), spec.path("k").asInt(10), m);
                evaluator.add(q, answer);
            }
            actual = RegressionFigures.of(evaluator.report(), built.articles(), built.passages());
            // Further question sets over the same corpus (factoid questions, near misses), on the same index.
            for (var also = spec.path("also").fields(); also.hasNext(); ) {
                var set = also.next();
                Path setFile = shared(set.getValue().asText());
                assumeTrue(Files.isRegularFile(setFile), "regression skipped: " + setFile + " is absent");
                Evaluator more = new Evaluator();
                for (QaItem q : QaItem.read(setFile)) {
                    more.add(q, a.answers().ask(q.query(), spec.path("k").asInt(10), m));
                }
                actual.putAll(RegressionFigures.answers(set.getKey(), more.report()));
            }
        }
        // Written beside the build's output, so that updating the file after an intended change is a copy.
        String name = Path.of(file).getFileName().toString().replaceFirst("\\.yaml$", "");
        Path out = Path.of("target", "regression", name + ".actual.yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, RegressionFigures.yaml(actual, decimals));

        RegressionFigures.Comparison c = RegressionFigures.compare(expected, actual, decimals);
        return new Outcome(c.differences(), String.format("%s figures moved (%s). Expected (%s) against actual, to %d "
                        + "decimals:%n%sIf the change is intended, copy %s into the figures block of %s.",
                name, c.differences(), "src/test/resources/" + file, decimals, c.report(), out,
                "src/test/resources/" + file));
    }

    /**
     * What a run found: the figures that moved (empty when none did) and, for the failure message, every figure
     * expected against actual with how to update the file.
     */
    record Outcome(List<String> moved, String explanation) {
    }
}
