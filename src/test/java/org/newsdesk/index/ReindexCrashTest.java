package org.newsdesk.index;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.store.SourceFileStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault suite (issue 16): a reindex process killed with SIGKILL mid-embedding, and between the generation switch and
 * the SQLite bookkeeping. The old (or the new, complete) index keeps serving and the next run neither duplicates nor
 * loses passages.
 */
@Tag("slow")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReindexCrashTest {
    @TempDir
    Path tmp;

    private Path corpus;
    private Path data;

    private App app() {
        return TestFixtures.app(TestFixtures.config(data, corpus));
    }

    private void setUp() throws IOException {
        corpus = tmp.resolve("corpus");
        data = tmp.resolve("data");
        TestFixtures.copySeedCorpus(corpus);
        try (App app = app()) {
            app.reindex().run(false, ReindexListener.NONE);
        }
        Files.writeString(corpus.resolve("new.txt"), "Harbour reopens\n\n"
                + "The harbour in Tromsø reopened on Monday after the storm. ".repeat(40) + "\n");
    }

    /** Starts the child, waits until it reports {@code phase}, then kills it with SIGKILL. */
    private List<String> killAt(String phase) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ReindexCrashMain.class.getName(), data.toString(), corpus.toString(), phase)
                .redirectError(tmp.resolve("child.err").toFile())
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals("AT " + phase)) {
                    break;
                }
            }
            child.destroyForcibly(); // SIGKILL on POSIX: no shutdown hook, no finally block runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lines).as("child stderr: %s", Files.exists(tmp.resolve("child.err"))
                ? Files.readString(tmp.resolve("child.err")) : "").contains("AT " + phase);
        assertThat(child.exitValue()).isEqualTo(137);
        return lines;
    }

    private static String status(App app, String sql) {
        return app.db().with(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void killedBetweenTheSwitchAndTheBookkeepingTheNextRunDuplicatesNothing() throws Exception {
        setUp();
        killAt("switched");
        try (App app = app()) {
            app.reindex(); // wiring the reindexer at start repairs what the killed run left
            // The new generation went live complete; the database was restored from its manifest at start.
            assertThat(new SourceFileStore(app.db()).all()).containsKey("new.txt").hasSize(6);
            int passages = app.index().passageCount();
            assertThat(status(app, "SELECT status FROM index_runs ORDER BY id DESC LIMIT 1")).isEqualTo("interrupted");
            ReindexResult next = app.reindex().run(false, ReindexListener.NONE);
            assertThat(next.embedded()).isZero();
            assertThat(next.added()).isZero();
            assertThat(next.passages()).isEqualTo(passages);
            assertThat(app.answers().ask("When did the harbour in Tromsø reopen?").text()).contains("Monday");
        }
    }

    @Test
    void killedMidEmbeddingTheOldIndexServesAndTheNextRunCompletes() throws Exception {
        setUp();
        String before;
        int passagesBefore;
        try (App app = app()) {
            before = app.index().generation().orElseThrow();
            passagesBefore = app.index().passageCount();
        }
        killAt("embedding");
        try (App app = app()) {
            app.reindex();
            assertThat(app.index().generation()).contains(before);
            assertThat(app.index().passageCount()).isEqualTo(passagesBefore);
            assertThat(app.answers().ask("Why did Obama cancel his trip to Moscow?").abstained()).isFalse();
            assertThat(status(app, "SELECT count(*) FROM index_runs WHERE status='running'")).isEqualTo("0");
            assertThat(status(app, "SELECT status FROM index_runs ORDER BY id DESC LIMIT 1")).isEqualTo("interrupted");
            ReindexResult next = app.reindex().run(false, ReindexListener.NONE);
            assertThat(next.added()).isEqualTo(1);
            assertThat(next.passages()).isGreaterThan(passagesBefore);
            try (var dirs = Files.list(app.index().root())) {
                assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("gen-")).count()).isEqualTo(1);
            }
        }
    }
}
