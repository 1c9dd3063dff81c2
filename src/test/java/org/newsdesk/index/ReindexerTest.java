package org.newsdesk.index;

import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.NativeFSLockFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.Answer;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.SkippedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReindexerTest {
    @TempDir
    Path tmp;

    private App newApp() throws IOException {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        return TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus));
    }

    @Test
    void onlyTheChangedFileIsReEmbeddedAndDeletedFilesLeave() throws IOException {
        try (App app = newApp()) {
            ReindexResult first = app.reindex().run(false, ReindexListener.NONE);
            assertThat(first.full()).isTrue();
            assertThat(first.added()).isEqualTo(5);
            assertThat(first.embedded()).isEqualTo(first.passages());
            assertThat(first.articles()).isEqualTo(5);

            ReindexResult noop = app.reindex().run(false, ReindexListener.NONE);
            assertThat(noop.full()).isFalse();
            assertThat(noop.embedded()).isZero();
            assertThat(noop.unchanged()).isEqualTo(5);
            assertThat(noop.passages()).isEqualTo(first.passages());

            Path changed = app.config().corpusDir().resolve("003_b277b3c73f6e4e2e.txt");
            Files.writeString(changed, Files.readString(changed)
                    + "\nThe delegations agreed to reconvene in Reykjavik next spring.\n");
            int passagesOfChanged = app.searcher().search(
                    org.newsdesk.search.SearchRequest.of("Staffan de Mistura", 50, org.newsdesk.search.SearchRequest.Mode.BM25))
                    .stream().filter(h -> h.passage().articleId().equals("003_b277b3c73f6e4e2e"))
                    .mapToInt(h -> 1).sum();
            ReindexResult update = app.reindex().run(false, ReindexListener.NONE);
            assertThat(update.updated()).isEqualTo(1);
            assertThat(update.added()).isZero();
            assertThat(update.unchanged()).isEqualTo(4);
            assertThat(update.embedded()).isBetween(1, passagesOfChanged + 2);
            assertThat(update.embedded()).isLessThan(first.passages());
            Answer a = app.answers().ask("Where will the delegations reconvene?");
            assertThat(a.text()).contains("Reykjavik");
            assertThat(a.citedArticleIds()).containsExactly("003_b277b3c73f6e4e2e");

            Files.delete(app.config().corpusDir().resolve("002_bdb2fb7eb406ee43.txt"));
            ReindexResult removal = app.reindex().run(false, ReindexListener.NONE);
            assertThat(removal.removed()).isEqualTo(1);
            assertThat(removal.embedded()).isZero();
            assertThat(removal.articles()).isEqualTo(4);
            assertThat(app.answers().ask("Pompeo Sochi news conference", 10,
                    org.newsdesk.search.SearchRequest.Mode.HYBRID).retrieved())
                    .noneMatch(h -> h.passage().articleId().equals("002_bdb2fb7eb406ee43"));
        }
    }

    @Test
    void anIncrementalReindexIsMergedDownToMaxSegments() throws IOException {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        for (int maxSegments : new int[] {0, 1}) {
            NewsdeskConfig c = TestFixtures.config(tmp.resolve("data-" + maxSegments), corpus);
            NewsdeskConfig.Index ix = c.index();
            NewsdeskConfig.Index merged = new NewsdeskConfig.Index(ix.embeddingModel(), ix.passageWords(),
                    ix.passageMaxWords(), ix.overlapSentences(), ix.embedThreads(), ix.modelThreads(), ix.questionModelThreads(), ix.embedBatchSize(),
                    ix.headerInText(), ix.hnswM(), ix.hnswBeamWidth(), maxSegments);
            try (App app = TestFixtures.app(new NewsdeskConfig(c.dataDir(), corpus, merged, c.search(), c.answer(),
                    c.chat(), c.telegram(), c.llm()))) {
                app.reindex().run(true, ReindexListener.NONE);
                Files.writeString(corpus.resolve("extra-" + maxSegments + ".txt"),
                        "Harbour reopens\n\nThe harbour in Tromsø reopened on Monday after the storm.\n");
                app.reindex().run(false, ReindexListener.NONE);
                // Without merging, the copied generation and the new file stay two segments.
                try (var lease = app.index().acquire().orElseThrow()) {
                    assertThat(lease.reader().leaves()).as("max-segments %d", maxSegments)
                            .hasSize(maxSegments == 0 ? 2 : 1);
                }
                assertThat(app.answers().ask("When did the harbour in Tromsø reopen?").text()).contains("Monday");
            }
        }
    }

    @Test
    void aFailureMidReindexLeavesTheOldIndexAnswering() throws IOException {
        try (App app = newApp()) {
            app.reindex().run(false, ReindexListener.NONE);
            String before = app.index().generation().orElseThrow();
            int passages = app.index().passageCount();
            Files.writeString(app.config().corpusDir().resolve("new.txt"),
                    "A brand new article\n\nThe new article talks about a summit in Helsinki on trade tariffs.\n");
            assertThatThrownBy(() -> app.reindex().run(true, p -> {
                if ("embedding".equals(p.phase())) {
                    throw new IllegalStateException("disk on fire");
                }
            })).isInstanceOf(IndexException.class)
                    .hasMessageContaining("disk on fire")
                    .hasMessageContaining("previous index keeps serving");
            assertThat(app.index().generation()).contains(before);
            assertThat(app.index().passageCount()).isEqualTo(passages);
            Answer a = app.answers().ask("Why did Obama cancel his trip to Moscow?");
            assertThat(a.abstained()).isFalse();
            assertThat(a.citedArticleIds()).contains("000_01b0abbf759fb5cc");
            // only the live generation is left on disk
            try (var dirs = Files.list(app.index().root())) {
                assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("gen-")).count()).isEqualTo(1);
            }
            // and a later reindex picks the new file up
            ReindexResult after = app.reindex().run(false, ReindexListener.NONE);
            assertThat(after.added()).isEqualTo(1);
        }
    }

    @Test
    void brokenFilesAreSkippedWithReasonsAndTheRestIndexed() throws IOException {
        try (App app = newApp()) {
            Path corpus = app.config().corpusDir();
            Files.writeString(corpus.resolve("empty.txt"), "");
            Files.write(corpus.resolve("latin1.txt"), new byte[]{'T', 'i', 't', 'l', 'e', '\n', (byte) 0xE9, (byte) 0xFF, 'x'});
            Files.writeString(corpus.resolve("report.pdf"), "%PDF-1.4");
            ReindexResult r = app.reindex().run(false, ReindexListener.NONE);
            assertThat(r.articles()).isEqualTo(5);
            assertThat(r.skipped()).extracting(SkippedFile::relativePath)
                    .containsExactlyInAnyOrder("empty.txt", "latin1.txt", "report.pdf");
            assertThat(r.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
            assertThat(r.summary()).contains("skipped empty.txt");
        }
    }

    @Test
    void aHeldLockIsReportedClearly() throws IOException {
        try (App app = newApp()) {
            try (FSDirectory dir = FSDirectory.open(app.index().root());
                 Lock lock = NativeFSLockFactory.INSTANCE.obtainLock(dir, Reindexer.LOCK_NAME)) {
                assertThat(lock).isNotNull();
                assertThatThrownBy(() -> app.reindex().run(false, ReindexListener.NONE))
                        .isInstanceOf(IndexLockedException.class)
                        .hasMessageContaining("being rebuilt by another reindex");
            }
            assertThat(app.index().exists()).isFalse();
        }
    }

    @Test
    void anEmptyCorpusDirectoryIsNamedAndDoesNotWipeTheIndex() throws IOException {
        try (App app = newApp()) {
            app.reindex().run(false, ReindexListener.NONE);
            int passages = app.index().passageCount();
            try (var files = Files.list(app.config().corpusDir())) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            assertThatThrownBy(() -> app.reindex().run(false, ReindexListener.NONE))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("is empty")
                    .hasMessageContaining(app.config().corpusDir().getFileName().toString());
            assertThat(app.index().passageCount()).isEqualTo(passages);
        }
    }

    @Test
    void aMissingCorpusDirectoryIsNamed() {
        Path missing = tmp.resolve("no-such-corpus");
        try (App app = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), missing))) {
            assertThatThrownBy(() -> app.reindex().run(false, ReindexListener.NONE))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("no-such-corpus");
        }
    }
}
