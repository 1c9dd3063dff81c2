package org.newsdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.eval.Evaluator;
import org.newsdesk.eval.QaItem;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The side-by-side comparison runs end to end on the seed corpus (5 articles) and the seed questions, and writes its
 * JSON and PNG. Timings are checked for being there and consistent; scores, counts and derived figures (the raw
 * model's mean of two runs, the ratios) are checked against what they must equal.
 */
@Tag("slow")
class CompareBenchSmokeTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void comparesThreeSystemsAndWritesJsonAndPng() throws Exception {
        NewsdeskConfig config = TestFixtures.config(tmp.resolve("unused"), TestFixtures.SEED_CORPUS);
        Path outDir = tmp.resolve("out");
        Path work = tmp.resolve("work");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new CompareBench(config, TestFixtures.embedder(),
                new CompareBench.Options(TestFixtures.SEED_QA, outDir, work, 2, 0, 0),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        Path json = outDir.resolve("compare.json");
        Path png = outDir.resolve("compare.png");
        assertThat(json).isRegularFile();
        assertThat(png).isRegularFile();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(400);

        JsonNode o = new ObjectMapper().readTree(Files.readString(json));
        assertThat(o.get("corpus").get("articles").asInt()).isEqualTo(5);
        assertThat(o.get("queries").get("total").asInt()).isEqualTo(18);
        assertThat(o.get("queries").get("unanswerable").asInt()).isEqualTo(4);
        JsonNode systems = o.get("systems");
        for (String name : new String[]{CompareBench.NEWSDESK, CompareBench.EASY_RAG, CompareBench.RAW}) {
            JsonNode s = systems.get(name);
            assertThat(s).as(name).isNotNull();
            assertThat(s.get("units").asInt()).as(name).isPositive();
            assertThat(s.get("unitMeanWords").asDouble()).as(name).isPositive();
            assertThat(s.get("ingestSeconds").asDouble()).as(name).isPositive();
            assertThat(s.get("unitsPerSec").asDouble()).as(name).isPositive();
            assertThat(s.get("ingestCpuSeconds").asDouble()).as(name).isPositive();
            assertThat(s.get("heapAfterIngestMb").asDouble()).as(name).isPositive();
            JsonNode lat = s.get("latencyMs");
            assertThat(lat.get("questions").asInt()).as(name).isEqualTo(18);
            assertThat(lat.get("p50").asDouble()).as(name).isPositive();
            assertThat(lat.get("p99").asDouble()).as(name).isGreaterThanOrEqualTo(lat.get("p95").asDouble());
            assertThat(lat.get("p95").asDouble()).as(name).isGreaterThanOrEqualTo(lat.get("p50").asDouble());
            JsonNode retrieval = s.get("retrievalLatencyMs");
            assertThat(retrieval.get("p95").asDouble()).as(name).isGreaterThanOrEqualTo(retrieval.get("p50").asDouble());
            // Retrieval is part of the whole question; whole milliseconds, so it can round down to the same value.
            assertThat(retrieval.get("p99").asDouble()).as(name).isLessThanOrEqualTo(lat.get("p99").asDouble() + 1);
            for (String level : new String[]{"article", "passage"}) {
                JsonNode m = s.get(level);
                assertThat(m.get("hits4").asDouble()).as(name + " " + level).isBetween(0.0, 1.0);
                assertThat(m.get("hits10").asDouble()).as(name + " " + level)
                        .isBetween(m.get("hits4").asDouble(), 1.0);
                assertThat(m.get("mrr10").asDouble()).as(name + " " + level).isBetween(0.0, 1.0);
            }
            // Five articles, top 10: every system finds a gold article for most seed questions.
            assertThat(s.get("article").get("hits10").asDouble()).as(name).isGreaterThan(0.5);
        }
        // Easy RAG cuts its own segments (about 300 tokens), and has no notion of abstaining.
        assertThat(systems.get(CompareBench.EASY_RAG).get("unit").asText()).isEqualTo("segment");
        assertThat(systems.get(CompareBench.EASY_RAG).get("unitMeanTokens").asDouble()).isBetween(50.0, 330.0);
        assertThat(systems.get(CompareBench.EASY_RAG).get("abstention").get("accuracyOnNull").asDouble()).isZero();
        assertThat(systems.get(CompareBench.EASY_RAG).get("abstention").get("supported").asBoolean()).isFalse();
        assertThat(systems.get(CompareBench.NEWSDESK).get("abstention").get("supported").asBoolean()).isTrue();
        assertThat(systems.get(CompareBench.NEWSDESK).get("indexBytes").asLong()).isPositive();
        // The raw model embeds exactly Newsdesk's passages.
        assertThat(systems.get(CompareBench.RAW).get("units").asInt())
                .isEqualTo(systems.get(CompareBench.NEWSDESK).get("units").asInt());
        // Its ingest is timed before Newsdesk's and after Easy RAG's; the figure used is the mean of the two.
        JsonNode raw = systems.get(CompareBench.RAW);
        JsonNode runs = raw.get("ingestSecondsRuns");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).asDouble()).isPositive();
        assertThat(runs.get(1).asDouble()).isPositive();
        assertThat(raw.get("ingestSeconds").asDouble())
                .isCloseTo((runs.get(0).asDouble() + runs.get(1).asDouble()) / 2, within(1e-9));
        assertThat(raw.get("unitsPerSec").asDouble())
                .isCloseTo(raw.get("units").asInt() / raw.get("ingestSeconds").asDouble(), within(1e-9));
        // Each ratio is Newsdesk's figure over the other system's.
        JsonNode ratios = o.get("ratios");
        JsonNode nd = systems.get(CompareBench.NEWSDESK);
        for (String[] pair : new String[][]{{"newsdeskOverEasyRag", CompareBench.EASY_RAG},
                {"newsdeskOverRawModel", CompareBench.RAW}}) {
            JsonNode other = systems.get(pair[1]);
            assertThat(ratios.get(pair[0]).get("ingestSeconds").asDouble()).as(pair[0])
                    .isCloseTo(nd.get("ingestSeconds").asDouble() / other.get("ingestSeconds").asDouble(), within(1e-9));
            assertThat(ratios.get(pair[0]).get("article.hits10").asDouble()).as(pair[0])
                    .isCloseTo(nd.get("article").get("hits10").asDouble() / other.get("article").get("hits10").asDouble(),
                            within(1e-9));
        }
        // Newsdesk's scores are those of the same questions asked of the shared seed index (same corpus, settings
        // and model), scored by the same Evaluator: the turn-taking question loop keeps each system's own answers.
        Evaluator seed = new Evaluator();
        for (QaItem q : QaItem.read(TestFixtures.SEED_QA)) {
            seed.add(q, TestFixtures.seedApp().answers().ask(q.query()));
        }
        Evaluator.Report r = seed.report();
        assertThat(nd.get("article").get("hits10").asDouble()).isCloseTo(r.hits10(), within(1e-9));
        assertThat(nd.get("article").get("mrr10").asDouble()).isCloseTo(r.mrr10(), within(1e-9));
        assertThat(nd.get("passage").get("hits10").asDouble()).isCloseTo(r.passageHits10(), within(1e-9));
        assertThat(nd.get("abstention").get("accuracyOnNull").asDouble()).isCloseTo(r.abstentionAccuracy(), within(1e-9));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("| ingest time (s) |").contains("Easy RAG defaults");
        // The scratch indexes are gone.
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }
}
