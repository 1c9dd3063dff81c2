package org.newsdesk.sources;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.testkit.LocalServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sources stage without the index: changed articles, pruning, the schedule and the backoff. */
@Timeout(60)
class SourcesTest {
    @LocalServer
    static NewsServer server;
    @TempDir
    Path tmp;
    private Database db;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        server.resource("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
    }

    @BeforeEach
    void open() {
        db = Database.open(tmp.resolve("db.sqlite"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Sources sources(boolean prune, String path) {
        NewsdeskConfig.Source feed = new NewsdeskConfig.Source("local", "feed", server.url(path), null, null, "2h", prune);
        NewsdeskConfig.Fetch fetch = new NewsdeskConfig.Fetch("NewsdeskTestBot/1.0", 2, 5, 1_000_000, 0, 5, 60, 3600,
                100, true, 0);
        NewsdeskConfig config = TestFixtures.config(tmp.resolve("data"), tmp.resolve("corpus")).withSources(List.of(feed), fetch);
        return new Sources(config, db, clock);
    }

    private static void article(String path, String title, String date, String text) {
        server.resource(path, "text/html", Pages.article(title, "Test Times", date, server.url(path),
                List.of(text, "A second paragraph so the page has body text about " + title + ".")));
    }

    private static void feed(String path, String... itemsPathDate) {
        List<String[]> items = new ArrayList<>();
        for (int i = 0; i < itemsPathDate.length; i += 2) {
            items.add(new String[] {"t", server.url(itemsPathDate[i]), itemsPathDate[i + 1]});
        }
        server.resource(path, "application/rss+xml", Pages.rss("Test Times", items));
    }

    private Path file(String path) {
        return tmp.resolve("data/sources/local").resolve(WebArchive.articleId(server.url(path)) + ".jsonl");
    }

    @Test
    void anArticleThatChangesIsUpdatedAndOneThatLeavesTheFeedStays() throws Exception {
        article("/k/one", "Ferry timetable", "2026-11-20", "The ferry timetable changes in winter.");
        article("/k/two", "Pool closure", "2026-11-21", "The pool closes for repairs in January.");
        feed("/k.xml", "/k/one", "Fri, 20 Nov 2026 08:00:00 GMT", "/k/two", "Sat, 21 Nov 2026 08:00:00 GMT");
        Sources s = sources(false, "/k.xml");
        SourceReport first = s.sync(s.all().get(0));
        assertThat(first.added()).isEqualTo(2);

        // The story is corrected at the source and the feed dates it later; /k/two leaves the feed.
        article("/k/one", "Ferry timetable", "2026-11-20", "The ferry timetable changes in winter, from 5 December.");
        feed("/k.xml", "/k/one", "Tue, 01 Dec 2026 09:00:00 GMT");
        clock.advance(Duration.ofHours(3));
        assertThat(s.due(s.all().get(0), false)).isTrue();
        SourceReport second = s.sync(s.all().get(0));
        assertThat(second.updated()).isEqualTo(1);
        assertThat(second.removed()).isZero();
        assertThat(Files.readString(file("/k/one"))).contains("from 5 December");
        assertThat(file("/k/two")).exists(); // an archive keeps old news
        assertThat(s.store().state("local").lastUpdated()).isEqualTo(1);
    }

    @Test
    void pruneRemovesArticlesThatLeftTheFeed() throws Exception {
        article("/p/one", "Bus lanes", "2026-11-20", "New bus lanes open on the ring road.");
        article("/p/two", "Park benches", "2026-11-21", "The park gets forty new benches.");
        feed("/p.xml", "/p/one", "Fri, 20 Nov 2026 08:00:00 GMT", "/p/two", "Sat, 21 Nov 2026 08:00:00 GMT");
        Sources s = sources(true, "/p.xml");
        assertThat(s.sync(s.all().get(0)).added()).isEqualTo(2);
        feed("/p.xml", "/p/one", "Fri, 20 Nov 2026 08:00:00 GMT");
        SourceReport second = s.sync(s.all().get(0));
        assertThat(second.removed()).isEqualTo(1);
        assertThat(file("/p/two")).doesNotExist();
        assertThat(file("/p/one")).exists();
        assertThat(s.store().bySource("local")).hasSize(1);
    }

    @Test
    void aSourceIsDueByItsIntervalAndAFailedOneBacksOffDoubling() {
        server.status("/down.xml", 503, java.util.Map.of());
        Sources s = sources(false, "/down.xml");
        NewsdeskConfig.Source src = s.all().get(0);
        assertThat(s.due(src, false)).isTrue();
        SourceReport r1 = s.sync(src);
        assertThat(r1.error()).contains("HTTP 503");
        // Doubling from retry-base-seconds (60), plus up to a fifth at random (jitter).
        assertThat(r1.nextRetry()).isBetween(clock.instant().plusSeconds(60), clock.instant().plusSeconds(72));
        assertThat(s.due(src, true)).isFalse(); // not even a forced sync asks before the retry time
        clock.advance(Duration.ofSeconds(73));
        SourceReport r2 = s.sync(src);
        assertThat(r2.nextRetry()).isBetween(clock.instant().plusSeconds(120), clock.instant().plusSeconds(144));
        assertThat(s.store().state("local").failures()).isEqualTo(2);
        assertThat(s.store().state("local").lastError()).contains("HTTP 503");
        assertThat(s.backoff(30, null)).isEqualTo(Duration.ofSeconds(3600)); // capped at retry-max-seconds
        assertThat(s.backoff(1, Duration.ofDays(30))).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aPageThatFailedForAPassingReasonIsTriedAgainNextSync() {
        article("/r/ok", "Ice rink", "2026-11-20", "The ice rink opens on Friday.");
        server.status("/r/later", 503, java.util.Map.of());
        feed("/r.xml", "/r/ok", "Fri, 20 Nov 2026 08:00:00 GMT", "/r/later", "Sat, 21 Nov 2026 08:00:00 GMT");
        Sources s = sources(false, "/r.xml");
        SourceReport first = s.sync(s.all().get(0));
        assertThat(first.added()).isEqualTo(1);
        assertThat(first.problems()).singleElement().asString().contains("HTTP 503");
        assertThat(s.store().state("local").lastError()).contains("HTTP 503");
        assertThat(s.store().state("local").etag()).isNull(); // the feed is read whole next time

        article("/r/later", "Snow ploughs", "2026-11-21", "Ten new snow ploughs arrive before winter.");
        SourceReport second = s.sync(s.all().get(0));
        assertThat(second.added()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(s.store().state("local").lastError()).isNull();
        assertThat(s.store().state("local").etag()).isNotNull();
        List<NewsServer.Request> feedRequests = server.requests().stream().filter(q -> q.path().equals("/r.xml")).toList();
        assertThat(feedRequests).hasSize(2).allSatisfy(q -> assertThat(q.ifNoneMatch()).isNull());
        assertThat(server.count("/r/ok")).isEqualTo(1);
    }
}
