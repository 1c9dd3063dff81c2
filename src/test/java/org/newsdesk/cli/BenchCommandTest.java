package org.newsdesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs end to end on the seed corpus and reports every figure (not their values: that is bench's job). */
@Tag("slow")
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void benchReportsThroughputSizeAndLatencyPerMode() throws Exception {
        Path json = tmp.resolve("bench.json");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("bench", "--corpus", TestFixtures.SEED_CORPUS.toString(), "--data-dir",
                    tmp.resolve("data").toString(), "--warmup", "2", "--max-queries", "10", "--out", json.toString());
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        JsonNode o = new ObjectMapper().readTree(Files.readString(json));
        assertThat(o.get("articles").asInt()).isEqualTo(5);
        assertThat(o.get("passages").asInt()).isPositive();
        assertThat(o.get("rawEmbedPassagesPerSec").asDouble()).isPositive();
        assertThat(o.get("indexPassagesPerSec").asDouble()).isPositive();
        assertThat(o.get("indexBytes").asLong()).isPositive();
        for (String mode : new String[]{"bm25", "knn", "hybrid"}) {
            JsonNode m = o.get("latencyMs_" + mode);
            assertThat(m.get("questions").asInt()).isEqualTo(10);
            assertThat(m.get("p99").asDouble()).isGreaterThanOrEqualTo(m.get("p50").asDouble());
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("full indexing").contains("x the model alone");
        // the scratch index is removed afterwards
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("bench-"));
        }
    }
}
