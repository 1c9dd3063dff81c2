package org.newsdesk.chat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.testkit.LocalHttpServer;
import org.newsdesk.testkit.LocalHttpServer.Response;
import org.newsdesk.testkit.LocalServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** /sources, /sync and /add through the transport-neutral chat core, against a local news site. */
@Timeout(180)
class SourceCommandsTest {
    static final long ADMIN = 1001;
    static final long USER = 2002;
    @LocalServer
    static LocalHttpServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server.respond("/robots.txt", Response.text(200, "User-agent: *\nDisallow: /private/\n"))
                .respond("/feed.xml", Response.of(200, "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\">"
                        + "<channel><title>T</title><link>http://x/</link><description>d</description><item>"
                        + "<title>Lighthouse</title><link>" + url("/lighthouse") + "</link></item></channel></rss>"))
                .respond("/lighthouse", Response.of(200, "text/html", page("Lighthouse restored",
                        "The old lighthouse on the cape was restored by volunteers and will open to visitors in May.")))
                .respond("/glacier", Response.of(200, "text/html", page("Glacier survey",
                        "Surveyors measured the glacier retreating by forty metres since the last survey in the valley.")));
    }

    static String url(String path) {
        return server.url(path);
    }

    static String page(String title, String text) {
        return "<html><head><title>" + title + "</title><meta property=\"og:site_name\" content=\"Cape News\">"
                + "<meta property=\"article:published_time\" content=\"2026-11-30\"></head><body><article><p>" + text
                + "</p><p>More about " + title + " follows in the next edition.</p></article></body></html>";
    }

    static App app(String name, boolean allowPrivate) throws Exception {
        Path corpus = tmp.resolve(name + "-corpus");
        Files.createDirectories(corpus);
        Files.copy(TestFixtures.SEED_CORPUS.resolve("001_05998cf2b37d53ba.txt"), corpus.resolve("001.txt"));
        NewsdeskConfig base = TestFixtures.config(tmp.resolve(name + "-data"), corpus);
        NewsdeskConfig.Chat chat = new NewsdeskConfig.Chat(List.of(ADMIN), 4000, 0, 0, List.of(), List.of());
        NewsdeskConfig c = new NewsdeskConfig(base.dataDir(), corpus, base.index(), base.search(), base.answer(), chat,
                base.telegram(), base.llm(), List.of(new NewsdeskConfig.Source("cape", "feed", url("/feed.xml"), null,
                null, "1h", false)), new NewsdeskConfig.Fetch("NewsdeskTestBot/1.0", 2, 5, 1_000_000, 0, 5, 60, 3600,
                100, allowPrivate, 0));
        return new App(c, Clock.systemUTC(), TestFixtures.embedder());
    }

    static void send(ChatService chat, long user, String text, ChatServiceTest.RecordingOutbox out) {
        chat.handle(new IncomingMessage(user, user, ChatType.PRIVATE, text, 5, false), out);
    }

    /** The background command edits its message; waits for the edit that ends it. */
    static String awaitEdit(ChatServiceTest.RecordingOutbox out, Predicate<String> last) {
        return await().atMost(java.time.Duration.ofSeconds(120)).until(() -> {
            synchronized (out) {
                return out.edits.stream().map(OutgoingMessage::text).filter(last).findFirst().orElse(null);
            }
        }, java.util.Objects::nonNull);
    }

    @Test
    void nonAdminsAreRefusedAndRecorded() throws Exception {
        try (App app = app("refuse", true)) {
            ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
            for (String cmd : List.of("/sources", "/sync", "/add " + url("/glacier"))) {
                send(app.chat(), USER, cmd, out);
            }
            assertThat(out.sent).extracting(OutgoingMessage::text)
                    .allSatisfy(t -> assertThat(t).contains("for admins only"));
            int refused = app.db().with(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM admin_events WHERE allowed = 0 AND command IN ('sources','sync','add')")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(refused).isEqualTo(3);
            assertThat(app.sources().store().countBySource("added")).isZero();
        }
    }

    @Test
    void addRefusesOtherSchemesAndInternalAddressesUnlessAllowed() throws Exception {
        try (App app = app("strict", false)) {
            ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
            send(app.chat(), ADMIN, "/add ftp://example.org/story", out);
            send(app.chat(), ADMIN, "/add", out);
            assertThat(out.sent.get(0).text()).contains("Only http and https");
            assertThat(out.sent.get(1).text()).startsWith("Usage: /add");
            send(app.chat(), ADMIN, "/add " + url("/glacier"), out);
            String result = awaitEdit(out, t -> t.startsWith("/add"));
            assertThat(result).contains("refused").contains("internal address 127.0.0.1");
            assertThat(app.sources().store().countBySource("added")).isZero();
        }
    }

    @Test
    void addFetchesIndexesAndSyncReportsEachSource() throws Exception {
        try (App app = app("open", true)) {
            ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
            ChatService chat = app.chat();
            send(chat, ADMIN, "/add " + url("/glacier"), out);
            String added = awaitEdit(out, t -> t.startsWith("/add"));
            assertThat(added).contains("added \"Glacier survey\"").contains("2 added");
            assertThat(app.answers().ask("How far did the glacier retreat?").citedArticleIds())
                    .anySatisfy(id -> assertThat(id).startsWith("web-"));

            send(chat, ADMIN, "/sync", out);
            String synced = awaitEdit(out, t -> t.startsWith("Sync finished"));
            assertThat(synced).contains("cape (feed): ok, 1 added").contains("1 added, 0 updated, 0 removed");
            send(chat, ADMIN, "/sources", out);
            String listing = out.sent.get(out.sent.size() - 1).text();
            assertThat(listing).contains("cape (feed, every 1h)").contains("added last run: 1")
                    .contains("added with /add: 1 articles").doesNotContain("never");
            send(chat, ADMIN, "/help", out);
            assertThat(out.sent.get(out.sent.size() - 1).text()).contains("/sources, /sync, /add");
        }
    }
}
