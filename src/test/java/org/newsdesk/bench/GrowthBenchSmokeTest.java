package org.newsdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.config.NewsdeskConfig;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The growth benchmark at toy sizes: it builds indexes of exactly the asked sizes, writes its JSON and PNG, and its
 * derived figures (extrapolated embedding time, growth exponents) follow from the measured ones.
 */
@Tag("slow")
class GrowthBenchSmokeTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void buildsEachSizeAndWritesJsonAndPng() throws Exception {
        NewsdeskConfig config = TestFixtures.config(tmp.resolve("unused"), TestFixtures.SEED_CORPUS);
        Path outDir = tmp.resolve("out");
        Path work = tmp.resolve("work");
        new GrowthBench(config, TestFixtures.embedder(),
                new GrowthBench.Options(List.of(60, 240), TestFixtures.SEED_QA, outDir, work, 2, 10, 4, 7L, true),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();

        assertThat(ImageIO.read(outDir.resolve("growth.png").toFile())).isNotNull();
        JsonNode o = new ObjectMapper().readTree(Files.readString(outDir.resolve("growth.json")));
        JsonNode sizes = o.get("sizes");
        assertThat(sizes).hasSize(2);
        assertThat(sizes.get(0).get("passages").asInt()).isEqualTo(60);
        assertThat(sizes.get(1).get("passages").asInt()).isEqualTo(240);
        for (JsonNode r : sizes) {
            assertThat(r.get("luceneSeconds").asDouble()).isPositive();
            assertThat(r.get("buildCpuSeconds").asDouble()).isPositive();
            assertThat(r.get("indexBytes").asLong()).isPositive();
            assertThat(r.get("queries").asInt()).isEqualTo(10);
            assertThat(r.get("queryP95Ms").asDouble()).isGreaterThanOrEqualTo(r.get("queryP50Ms").asDouble());
            // Each retriever is also timed alone.
            assertThat(r.get("bm25QueryP95Ms").asDouble()).isGreaterThanOrEqualTo(r.get("bm25QueryP50Ms").asDouble()).isPositive();
            assertThat(r.get("knnQueryP95Ms").asDouble()).isGreaterThanOrEqualTo(r.get("knnQueryP50Ms").asDouble()).isPositive();
            // Small sizes also time the Easy RAG in-memory store on the same vectors.
            assertThat(r.get("inMemoryStoreQueryP95Ms").asDouble())
                    .isGreaterThanOrEqualTo(r.get("inMemoryStoreQueryP50Ms").asDouble()).isPositive();
            assertThat(r.get("heapAfterGcMb").asDouble()).isPositive();
            assertThat(r.get("extrapolatedRealEmbedSeconds").asDouble()).isPositive();
        }
        // Four times the passages take more room on disk.
        assertThat(sizes.get(1).get("indexBytes").asLong()).isGreaterThan(sizes.get(0).get("indexBytes").asLong());
        double realRate = o.get("realModel").get("passagesPerSec").asDouble();
        assertThat(realRate).isPositive();
        for (JsonNode r : sizes) {
            // the real model's time for this many passages, at the rate it was measured embedding the seed's
            assertThat(r.get("extrapolatedRealEmbedSeconds").asDouble())
                    .isCloseTo(r.get("passages").asInt() / realRate, within(1e-9));
        }
        // each growth exponent is the log-log slope between the two sizes
        for (String f : List.of("indexBytes", "luceneSeconds")) {
            double expected = Math.log(sizes.get(1).get(f).asDouble() / sizes.get(0).get(f).asDouble()) / Math.log(4);
            assertThat(o.get("growthExponents").get(f).get(0).asDouble()).as(f).isCloseTo(expected, within(1e-9));
        }
        assertThat(o.get("growthExponents").get("indexBytes").get(0).asDouble()).isPositive();
        assertThat(o.get("hnswM").asInt()).isEqualTo(config.index().hnswM());
        try (var left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }
}
