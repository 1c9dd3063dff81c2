package org.newsdesk.index;

import org.newsdesk.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.app.App;
import org.newsdesk.backend.lucene.IndexManifest;
import org.newsdesk.store.SourceFileStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Item 6 and 7 of issue 16: a reindex never empties a serving index by accident, and its bookkeeping recovers. */
class ReindexSafetyTest {
    @TempDir
    Path tmp;

    private App newApp() throws IOException {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        return TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus));
    }

    private static List<Path> corpusFiles(App app) throws IOException {
        try (var files = Files.list(app.config().corpusDir())) {
            return files.sorted().toList();
        }
    }

    private static String lastRunStatus(App app) {
        return app.db().with(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT status FROM index_runs ORDER BY id DESC LIMIT 1")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void aFullRebuildInWhichEveryFileFailsIsRefusedUnlessAllowed() throws IOException {
        try (App app = newApp()) {
            app.reindex().run(false, ReindexListener.NONE);
            String live = app.index().generation().orElseThrow();
            int passages = app.index().passageCount();
            for (Path f : corpusFiles(app)) {
                Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0x80});
            }
            assertThatThrownBy(() -> app.reindex().run(true, ReindexListener.NONE))
                    .isInstanceOf(IndexShrinkException.class)
                    .hasMessageContaining("would hold no passage at all")
                    .hasMessageContaining("current index keeps serving")
                    .hasMessageContaining("5 skipped, first: 000_01b0abbf759fb5cc.txt: not valid UTF-8")
                    .hasMessageContaining("--allow-shrink");
            assertThat(app.index().generation()).contains(live);
            assertThat(app.index().passageCount()).isEqualTo(passages);
            assertThat(app.answers().ask("Why did Obama cancel his trip to Moscow?").abstained()).isFalse();
            assertThat(lastRunStatus(app)).isEqualTo("refused");
            assertThat(new SourceFileStore(app.db()).all()).hasSize(5);
            try (var dirs = Files.list(app.index().root())) {
                assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("gen-")).count()).isEqualTo(1);
            }

            ReindexResult forced = app.reindex().run(true, true, ReindexListener.NONE);
            assertThat(forced.passages()).isZero();
            assertThat(app.index().generation()).isNotEqualTo(java.util.Optional.of(live));
            assertThat(lastRunStatus(app)).isEqualTo("ok");
        }
    }

    @Test
    void droppingMoreThanMaxShrinkOfTheArticlesIsRefused() throws IOException {
        try (App app = newApp()) {
            app.reindex().run(false, ReindexListener.NONE);
            List<Path> files = corpusFiles(app);
            Files.delete(files.get(0));
            Files.delete(files.get(1));
            // 2 of 5 is 40 %: within the default 50 %
            assertThat(app.reindex().run(false, ReindexListener.NONE).articles()).isEqualTo(3);
            Files.delete(files.get(2));
            Files.delete(files.get(3));
            // 2 of 3 is 67 %
            assertThatThrownBy(() -> app.reindex().run(false, ReindexListener.NONE))
                    .isInstanceOf(IndexShrinkException.class)
                    .hasMessageContaining("would drop 2 of the 3 articles in the live index (67%; index.max-shrink allows 50%)");
            assertThat(new SourceFileStore(app.db()).all()).hasSize(3);
            assertThat(app.reindex().run(false, true, ReindexListener.NONE).articles()).isEqualTo(1);
        }
    }

    @Test
    void bookkeepingLostAfterTheSwitchIsRestoredFromTheLiveGeneration() throws IOException {
        try (App app = newApp()) {
            ReindexResult first = app.reindex().run(false, ReindexListener.NONE);
            SourceFileStore store = new SourceFileStore(app.db());
            var recorded = store.all();
            // What a crash between the switch and the SQLite update leaves: the rows of the run are missing.
            store.replaceAll(List.of());
            ReindexResult next = app.reindex().run(false, ReindexListener.NONE);
            assertThat(next.embedded()).isZero();
            assertThat(next.added()).isZero();
            assertThat(next.passages()).isEqualTo(first.passages());
            assertThat(app.index().passageCount()).isEqualTo(first.passages());
            assertThat(store.all()).isEqualTo(recorded);
            assertThat(Files.exists(app.index().root().resolve(app.index().generation().orElseThrow())
                    .resolve(IndexManifest.FILE))).isTrue();
        }
    }

    @Test
    void aDatabaseFailureAfterTheSwitchDoesNotFailTheRunAndIsRepairedNextTime() throws IOException {
        try (App app = newApp()) {
            app.reindex().run(false, ReindexListener.NONE);
            Files.writeString(app.config().corpusDir().resolve("harbour.txt"),
                    "Harbour reopens\n\nThe harbour in Tromsø reopened on Monday after the storm.\n");
            // A real store failure at the boundary: the table is gone when the bookkeeping is written.
            ReindexResult r = app.reindex().run(false, p -> {
                if ("switched".equals(p.phase())) {
                    app.db().update("ALTER TABLE source_files RENAME TO source_files_away");
                }
            });
            assertThat(r.added()).isEqualTo(1);
            app.db().update("ALTER TABLE source_files_away RENAME TO source_files");
            SourceFileStore store = new SourceFileStore(app.db());
            assertThat(store.all()).hasSize(5).doesNotContainKey("harbour.txt");
            ReindexResult next = app.reindex().run(false, ReindexListener.NONE);
            assertThat(next.embedded()).isZero();
            assertThat(next.passages()).isEqualTo(r.passages());
            assertThat(store.all()).hasSize(6).containsKey("harbour.txt");
        }
    }
}
