package org.newsdesk.backend.lucene;

import org.newsdesk.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.app.App;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.search.SearchRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 16, item 13: a running bot serves the generation another process (the CLI) made live, without a restart. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LiveIndexPickUpTest {
    @TempDir
    Path tmp;

    @Test
    void aGenerationBuiltByAnotherProcessIsPickedUpBySearches() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        var config = TestFixtures.config(tmp.resolve("data"), corpus);
        try (App bot = TestFixtures.app(config)) {
            bot.reindex().run(false, ReindexListener.NONE);
            String before = bot.index().generation().orElseThrow();
            Files.writeString(corpus.resolve("harbour.txt"),
                    "Harbour reopens\n\nThe harbour in Tromsø reopened on Monday after the storm.\n");
            // Another App over the same data directory stands for `newsdesk index` in a second process.
            try (App cli = TestFixtures.app(config)) {
                cli.reindex().run(false, ReindexListener.NONE);
            }
            await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> bot.searcher().search(SearchRequest.of("Tromsø harbour", 5, SearchRequest.Mode.BM25))
                            .stream().anyMatch(h -> h.passage().articleId().equals("harbour")));
            assertThat(bot.index().generation()).isPresent().isNotEqualTo(java.util.Optional.of(before));
        }
    }
}
