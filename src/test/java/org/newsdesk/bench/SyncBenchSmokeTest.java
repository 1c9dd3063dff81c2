package org.newsdesk.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.config.NewsdeskConfig;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync benchmark on the seed corpus: four articles served and synced, the idle pass answered by 304s. */
@Tag("slow")
class SyncBenchSmokeTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void syncsTheServedArticlesAndReportsTheCost() throws Exception {
        NewsdeskConfig config = TestFixtures.config(tmp.resolve("data"), TestFixtures.SEED_CORPUS);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ObjectNode o = new SyncBench(config, TestFixtures.embedder(), new SyncBench.Options(4, tmp.resolve("bench-out")),
                new PrintStream(text, true, StandardCharsets.UTF_8)).run();
        assertThat(o.get("articles").asInt() + o.get("duplicatesSkipped").asInt()).isEqualTo(4);
        assertThat(o.get("articles").asInt()).isPositive();
        assertThat(o.get("passagesEmbedded").asInt()).isGreaterThanOrEqualTo(o.get("articles").asInt());
        assertThat(o.get("totalSeconds").asDouble()).isGreaterThanOrEqualTo(o.get("incrementalIndexSeconds").asDouble());
        assertThat(o.get("notModifiedAnswers").asInt()).isEqualTo(1); // the feed, on the idle pass
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("sync of").contains("feed answered 304: true");
        // The work folder is created when missing (`bench --sync` on a fresh clone has no bench-out/ yet).
        try (var left = Files.list(tmp.resolve("bench-out"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("sync-bench-"));
        }
    }
}
