package org.newsdesk.index;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.corpus.SkippedFile;
import org.newsdesk.search.SearchRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fault suite (issue 16): the hostile corpus. A link out of the archive, a 40,000-character id, a Markdown regex
 * bomb, and a binary-only corpus rebuilt with --full: the good input is indexed, the bad reported, the old index
 * keeps serving.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void hostileFilesAreSkippedWithReasonsAndTheRestIsIndexed() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "Secret\n\nThe vault password is hunter2 zebra.\n");
        try (App app = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus))) {
            app.reindex().run(false, ReindexListener.NONE);
            String baseline = app.index().generation().orElseThrow();

            Files.createSymbolicLink(corpus.resolve("leak.txt"), outside.resolve("secret.txt"));
            Files.writeString(corpus.resolve("bad-ids.jsonl"),
                    "{\"id\": \"" + "i".repeat(40_000) + "\", \"title\": \"Immense\", \"body\": \"An immense id.\"}\n"
                            + "{\"id\": \"good-1\", \"title\": \"Harbour reopens\", \"source\": \"Local\", "
                            + "\"body\": \"The harbour in Tromsø reopened on Monday after the storm.\"}\n");
            // 32 KB of unclosed strong markers: the lazy regex took seconds on this, 20 s at 64 KB.
            Files.writeString(corpus.resolve("bomb.md"), "Bomb page\n\n" + "**a ".repeat(8_192)
                    + "\n\nThe bomb page ends with a quiet sentence about lighthouses.\n");

            ReindexResult r = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> app.reindex().run(false, ReindexListener.NONE));
            assertThat(r.skipped()).contains(
                    new SkippedFile("leak.txt", "symbolic link points outside the corpus directory"),
                    new SkippedFile("bad-ids.jsonl", "line 1: id is 40000 characters long; the limit is 256"));
            assertThat(r.summary()).contains("skipped leak.txt").doesNotContain(outside.toString());
            assertThat(r.added()).isEqualTo(2);
            assertThat(app.index().generation()).isPresent().isNotEqualTo(java.util.Optional.of(baseline));
            assertThat(app.searcher().search(SearchRequest.of("vault password hunter2 zebra", 10,
                    SearchRequest.Mode.HYBRID))).noneMatch(h -> h.passage().text().contains("hunter2"));
            assertThat(app.searcher().search(SearchRequest.of("Tromsø harbour", 5, SearchRequest.Mode.BM25)))
                    .anyMatch(h -> h.passage().articleId().equals("good-1"));
            assertThat(app.searcher().search(SearchRequest.of("lighthouses", 5, SearchRequest.Mode.BM25)))
                    .anyMatch(h -> h.passage().articleId().equals("bomb"));
            assertThat(app.answers().ask("Why did Obama cancel his trip to Moscow?").abstained()).isFalse();
        }
    }

    @Test
    void aBinaryOnlyCorpusRebuiltWithFullIsRefusedAndTheOldIndexServes() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        try (App app = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus))) {
            app.reindex().run(false, ReindexListener.NONE);
            String live = app.index().generation().orElseThrow();
            int passages = app.index().passageCount();
            try (var files = Files.list(corpus)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Random random = new Random(16);
            for (String name : new String[] {"a.txt", "b.jsonl", "c.html", "d.md"}) {
                byte[] junk = new byte[4096];
                random.nextBytes(junk);
                junk[0] = (byte) 0xC3; // an invalid UTF-8 sequence for certain
                junk[1] = (byte) 0x28;
                Files.write(corpus.resolve(name), junk);
            }
            assertThatThrownBy(() -> app.reindex().run(true, ReindexListener.NONE))
                    .isInstanceOf(IndexShrinkException.class)
                    .hasMessageContaining("no passage at all")
                    .hasMessageContaining("4 skipped, first: a.txt: not valid UTF-8 (bad byte at offset 0)");
            assertThat(app.index().generation()).contains(live);
            assertThat(app.index().passageCount()).isEqualTo(passages);
            assertThat(app.answers().ask("Why did Obama cancel his trip to Moscow?").abstained()).isFalse();
        }
    }
}
