package org.newsdesk.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.ReindexResult;
import org.newsdesk.store.SourceFileStore;
import org.newsdesk.testkit.LocalServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One archive following a local news site: RSS 2.0, Atom, a sitemap index with a gzipped child, robots.txt, article
 * pages with boilerplate and JSON-LD, and every fault a crawler meets, synced three times.
 */
@Timeout(300)
class SyncTest {
    @LocalServer
    static NewsServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server.resource("/robots.txt", "text/plain", "User-agent: newsdesktestbot\nDisallow: /private/\n\n"
                + "User-agent: *\nDisallow: /\n");
        for (int i = 1; i <= 9; i++) {
            page("/news/a" + i, "Story " + i + " " + TOPICS[i], i);
        }
        // The same story as /news/a2 under another URL and canonical link: a copy by content.
        server.resource("/copy/a2", "text/html", Pages.article("Story 2 " + TOPICS[2], "Daily Local", "2026-11-02",
                server.url("/copy/a2"), paragraphs(2)));
        server.resource("/private/hidden", "text/html", Pages.article("Hidden", "Daily Local", "2026-11-01",
                server.url("/private/hidden"), paragraphs(9)));
        server.resource("/rss.xml", "application/rss+xml", rss(2));
        // The Atom entry for a1 comes with a tracking parameter: the canonical link says it is a1.
        server.resource("/atom.xml", "application/atom+xml", Pages.atom("Atom news", List.of(
                new String[] {"Story 3", server.url("/news/a3"), "2026-11-03T09:00:00Z"},
                new String[] {"Story 1 again", server.url("/news/a1?utm_source=atom"), "2026-11-01T09:00:00Z"})));
        server.resource("/sitemap_index.xml", "application/xml", Pages.sitemapIndex(List.of(
                server.url("/sitemap-1.xml"), server.url("/sitemap-2.xml.gz"))));
        server.resource("/sitemap-1.xml", "application/xml", Pages.sitemap(List.of(server.url("/news/a5"),
                server.url("/private/hidden"))));
        server.gzipResource("/sitemap-2.xml.gz", Pages.sitemap(List.of(server.url("/news/a6"), server.url("/copy/a2"))));
        server.status("/broken.xml", 500, Map.of());
        server.status("/busy.xml", 429, Map.of("Retry-After", "120"));
        server.resource("/malformed.xml", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                + "<title>x</title><item><title>unclosed</item></channel>");
        server.stall("/stall");
        server.huge("/huge", 50L * 1024 * 1024);
        server.redirectLoop("/loop");
        server.resource("/paper.pdf", "application/pdf", "%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static final String[] TOPICS = {"", "harbour dredging", "tram line", "library reopening", "flood barrier",
            "school meals", "bridge repairs", "market hall", "river festival", "night buses"};

    static void page(String path, String title, int i) {
        server.resource(path, "text/html; charset=utf-8", Pages.article(title, "Daily Local", "2026-11-0" + i,
                server.url(path), paragraphs(i)));
    }

    static List<String> paragraphs(int i) {
        String topic = TOPICS[i];
        return List.of("The council approved the " + topic + " plan on Tuesday after a long debate about costs.",
                "Residents said the " + topic + " had been discussed for years, and the vote number " + i
                        + " finally settled it.",
                "Work on the " + topic + " starts in spring and should take about " + (i + 2) + " months.");
    }

    static String rss(int items) {
        List<String[]> list = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            int n = i <= 2 ? i : i + 4; // the two items added later are a7 and a8
            list.add(new String[] {"Story " + n, server.url("/news/a" + n), "Mon, 0" + n + " Nov 2026 09:00:00 GMT"});
        }
        return Pages.rss("Daily Local", list);
    }

    static NewsdeskConfig.Source feed(String name, String path) {
        return new NewsdeskConfig.Source(name, "feed", server.url(path), null, null, "1h", false);
    }

    static NewsdeskConfig.Source urls(String name, String path) {
        return new NewsdeskConfig.Source(name, "urls", null, null, List.of(server.url(path)), "1h", false);
    }

    @Test
    void followsFeedsAndSitemapsReportsEveryFaultAndIndexesOnlyWhatIsNew() throws Exception {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.copy(TestFixtures.SEED_CORPUS.resolve("000_01b0abbf759fb5cc.txt"), corpus.resolve("000.txt"));
        List<NewsdeskConfig.Source> sources = List.of(
                feed("rss", "/rss.xml"), feed("atom", "/atom.xml"),
                new NewsdeskConfig.Source("sitemap", "sitemap", server.url("/sitemap_index.xml"), null, null, "1h", false),
                feed("broken", "/broken.xml"), feed("busy", "/busy.xml"), feed("malformed", "/malformed.xml"),
                urls("slow", "/stall"), urls("big", "/huge"), urls("loop", "/loop"), urls("pdf", "/paper.pdf"));
        NewsdeskConfig.Fetch fetch = new NewsdeskConfig.Fetch("NewsdeskTestBot/1.0 (+https://example.org/bot)", 2, 2,
                1_000_000, 0, 5, 60, 3600, 100, true, 0);
        NewsdeskConfig config = TestFixtures.config(tmp.resolve("data"), corpus).withSources(sources, fetch);
        TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (App app = new App(config, clock, TestFixtures.embedder())) {
            // Sync 1: everything is new.
            SyncService.Result first = app.sync().run(false, r -> { }, p -> { });
            Map<String, SourceReport> r1 = byName(first);
            assertThat(r1.get("rss").added()).isEqualTo(2);
            assertThat(r1.get("atom").added()).isEqualTo(1);
            assertThat(r1.get("atom").duplicates()).isEqualTo(1); // a1 again, by canonical URL
            assertThat(r1.get("sitemap").added()).isEqualTo(2);   // a5 (plain child), a6 (gzipped child)
            assertThat(r1.get("sitemap").duplicates()).isEqualTo(1); // /copy/a2, by content hash
            assertThat(r1.get("sitemap").problems()).anySatisfy(p -> assertThat(p).contains("disallowed by")
                    .contains("robots.txt"));
            assertThat(r1.get("broken").error()).contains("HTTP 500");
            assertThat(r1.get("busy").error()).contains("HTTP 429");
            assertThat(r1.get("busy").nextRetry()).isEqualTo(clock.instant().plusSeconds(120));
            assertThat(r1.get("malformed").error()).contains("malformed feed");
            assertThat(r1.get("slow").problems()).singleElement().asString().contains("no complete response within 2 s");
            assertThat(r1.get("big").problems()).singleElement().asString().contains("too large");
            assertThat(r1.get("loop").problems()).singleElement().asString().contains("too many redirects");
            assertThat(r1.get("pdf").problems()).singleElement().asString()
                    .contains("unexpected content type application/pdf");
            assertThat(server.count("/private/hidden")).isZero();
            ReindexResult index1 = first.reindex();
            assertThat(first.reindexError()).isNull();
            assertThat(index1.added()).isEqualTo(1 + 5); // the corpus file and five fetched articles
            assertThat(index1.articles()).isEqualTo(6);
            assertThat(first.summary()).contains("busy (feed): failed: HTTP 429");

            // The stored article: metadata from JSON-LD, the canonical link, the text without page furniture.
            String canonical = server.url("/news/a1");
            JsonNode a1 = storedArticle(config, "rss", canonical);
            assertThat(a1.get("title").asText()).isEqualTo("Story 1 harbour dredging");
            assertThat(a1.get("source").asText()).isEqualTo("Daily Local");
            assertThat(a1.get("published").asText()).isEqualTo("2026-11-01");
            assertThat(a1.get("url").asText()).isEqualTo(canonical);
            assertThat(a1.get("body").asText()).contains("harbour dredging plan on Tuesday").contains("about 3 months")
                    .doesNotContain("cookies").doesNotContain("Share").doesNotContain("Tweet")
                    .doesNotContain("Read more").doesNotContain("Another story").doesNotContain("Navigation")
                    .doesNotContain("Copyright");
            // ... and it is searchable.
            var answer = app.answers().ask("When does work on the harbour dredging start?");
            assertThat(answer.citedArticleIds()).contains(WebArchive.articleId(canonical));

            // Sync 2, 50 s later, run now (like /sync): the feed gained two items; failed sources wait (backoff
            // 60 s for the 500, Retry-After 120 s for the 429).
            server.resource("/rss.xml", "application/rss+xml", rss(4));
            clock.advance(Duration.ofSeconds(50));
            SyncService.Result second = app.sync().run(true, r -> { }, p -> { });
            Map<String, SourceReport> r2 = byName(second);
            assertThat(r2.get("rss").added()).isEqualTo(2);
            assertThat(r2.get("busy").status()).isEqualTo("not due"); // waits out its Retry-After: no hot loop
            assertThat(r2.get("broken").status()).isEqualTo("not due");
            assertThat(server.count("/busy.xml")).isEqualTo(1);
            assertThat(server.count("/broken.xml")).isEqualTo(1);
            ReindexResult index2 = second.reindex();
            assertThat(index2.full()).isFalse();
            assertThat(index2.added()).isEqualTo(2);
            assertThat(index2.updated()).isZero();
            assertThat(index2.removed()).isZero();
            assertThat(index2.unchanged()).isEqualTo(6);
            Map<String, SourceFileStore.Row> rows = new SourceFileStore(app.db()).all();
            int newPassages = rows.values().stream()
                    .filter(row -> row.articleIds().contains(WebArchive.articleId(server.url("/news/a7")))
                            || row.articleIds().contains(WebArchive.articleId(server.url("/news/a8"))))
                    .mapToInt(SourceFileStore.Row::passages).sum();
            assertThat(newPassages).isPositive();
            assertThat(index2.embedded()).isEqualTo(newPassages); // exactly the two new articles were embedded

            // Sync 3, nothing new: conditional GETs answered 304, nothing fetched again, nothing embedded.
            int before = server.requests().size();
            clock.advance(Duration.ofSeconds(5));
            SyncService.Result third = app.sync().run(true, r -> { }, p -> { });
            // a copy: a view of the live log threw ConcurrentModificationException when a request was logged meanwhile
            List<NewsServer.Request> all = server.requests();
            List<NewsServer.Request> since = all.subList(before, all.size());
            for (String listing : List.of("/rss.xml", "/atom.xml", "/sitemap_index.xml")) {
                assertThat(since).filteredOn(q -> q.path().equals(listing)).singleElement().satisfies(q -> {
                    assertThat(q.ifNoneMatch()).isNotNull();
                    assertThat(q.ifModifiedSince()).isNotNull();
                    assertThat(q.status()).isEqualTo(304);
                });
            }
            assertThat(since).noneMatch(q -> q.path().startsWith("/news/") || q.path().startsWith("/sitemap-"));
            assertThat(byName(third).get("rss").status()).isEqualTo("not modified");
            assertThat(third.reindex()).isNull();
            assertThat(third.summary()).contains("Index unchanged");

            // Once its Retry-After has passed, the 429 source is asked again, once, by the next scheduled sync.
            clock.advance(Duration.ofSeconds(70));
            SyncService.Result fourth = app.sync().run(false, r -> { }, p -> { });
            assertThat(byName(fourth).get("busy").status()).isEqualTo("failed");
            assertThat(byName(fourth).get("rss").status()).isEqualTo("not due");
            assertThat(server.count("/busy.xml")).isEqualTo(2);
        }
    }

    static Map<String, SourceReport> byName(SyncService.Result r) {
        return r.sources().stream().collect(Collectors.toMap(SourceReport::name, Function.identity()));
    }

    static JsonNode storedArticle(NewsdeskConfig config, String source, String canonical) throws Exception {
        Path file = config.dataDir().resolve("sources").resolve(source).resolve(WebArchive.articleId(canonical) + ".jsonl");
        return new ObjectMapper().readTree(Files.readString(file));
    }
}
