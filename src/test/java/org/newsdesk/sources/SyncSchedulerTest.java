package org.newsdesk.sources;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.testkit.LocalServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bot's background schedule: a due source is synced on the schedule's thread while questions are answered. */
@Timeout(120)
class SyncSchedulerTest {
    @LocalServer
    static NewsServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server.resource("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        server.resource("/s/owl", "text/html", Pages.article("Owl census", "Woods Weekly", "2026-11-28",
                server.url("/s/owl"), List.of("Volunteers counted forty barn owls in the northern woods this autumn.",
                        "The count is the highest since the census began.")));
        server.resource("/feed.xml", "application/rss+xml", Pages.rss("Woods Weekly", List.<String[]>of(
                new String[] {"Owl census", server.url("/s/owl"), "Sat, 28 Nov 2026 08:00:00 GMT"})));
    }

    @Test
    void aDueSourceIsSyncedInTheBackgroundAndOnlyOnce() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        Files.copy(TestFixtures.SEED_CORPUS.resolve("002_bdb2fb7eb406ee43.txt"), corpus.resolve("002.txt"));
        NewsdeskConfig config = TestFixtures.config(tmp.resolve("data"), corpus).withSources(
                List.of(new NewsdeskConfig.Source("woods", "feed", server.url("/feed.xml"), null, null, "1h", false)),
                new NewsdeskConfig.Fetch("NewsdeskTestBot/1.0", 2, 5, 1_000_000, 0, 5, 60, 3600, 100, true, 1));
        TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (App app = new App(config, clock, TestFixtures.embedder())) {
            app.reindex().run(false, p -> { }); // the bot starts with an index of the corpus
            try (SyncScheduler schedule = new SyncScheduler(app.sync())) {
                schedule.start(config.fetch().checkEverySeconds());
                // Questions are answered while the schedule works.
                assertThat(app.answers().ask("Where did Pompeo and Lavrov meet?").citedArticleIds()).isNotEmpty();
                await().atMost(Duration.ofSeconds(60)).until(() -> app.sources().store().countBySource("woods") > 0);
                assertThat(app.sources().store().state("woods").lastRun()).isEqualTo(clock.instant());
                await().atMost(Duration.ofSeconds(60)).until(() -> !app.sync().isRunning());
                // Two more checks (not a fixed sleep): the source is not due again within its hour.
                long checked = schedule.checks();
                await().atMost(Duration.ofSeconds(30)).until(() -> schedule.checks() >= checked + 2);
                assertThat(server.count("/feed.xml")).isEqualTo(1);
                assertThat(app.answers().ask("How many barn owls did volunteers count?").citedArticleIds())
                        .contains(WebArchive.articleId(server.url("/s/owl")));
            }
        }
    }
}
