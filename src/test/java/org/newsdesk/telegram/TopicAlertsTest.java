package org.newsdesk.telegram;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.store.Database;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topic alerts through the bot against the fake Bot API and a local news site: /follow, an alert after a /sync and
 * after scheduled syncs (one message per chat and sync, an updated article never alerted twice, the daily limit
 * held), the bad inputs, a group member who is not an administrator (getChatMember), and a chat that blocked the bot.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TopicAlertsTest {
    static final String TOKEN = TelegramBotTest.TOKEN;
    static final long ADMIN = TelegramBotTest.ADMIN;
    static final long USER = TelegramBotTest.USER;
    static final long OTHER = TelegramBotTest.OTHER;
    static final long GROUP = -700;
    static final long GROUP_ADMIN = 4004;

    @TempDir
    static Path tmp;
    static HttpServer site;
    /** The feed's items (path -> title) and the pages' texts, changed between syncs. */
    static final Map<String, String[]> pages = new ConcurrentHashMap<>();
    static final List<String> feed = new java.util.concurrent.CopyOnWriteArrayList<>();
    static App app;

    FakeBotApi api;
    TelegramBot bot;
    Database botDb;

    @BeforeAll
    static void start() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body;
            String type = "text/html";
            int status = 200;
            if (path.equals("/robots.txt")) {
                body = "User-agent: *\nAllow: /\n";
                type = "text/plain";
            } else if (path.equals("/feed.xml")) {
                StringBuilder items = new StringBuilder();
                for (String p : feed) {
                    items.append("<item><title>").append(pages.get(p)[0]).append("</title><link>").append(url(p))
                            .append("</link><pubDate>").append(pages.get(p)[3]).append("</pubDate></item>");
                }
                body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cape</title><link>" + url("/")
                        + "</link><description>d</description>" + items + "</channel></rss>";
                type = "application/rss+xml";
            } else if (pages.containsKey(path)) {
                String[] page = pages.get(path);
                body = "<html><head><title>" + page[0] + "</title><meta property=\"og:site_name\" content=\"Cape News\">"
                        + "<meta property=\"article:published_time\" content=\"2026-12-01\"></head><body><article><p>"
                        + page[1] + "</p><p>" + page[2] + "</p></article></body></html>";
            } else {
                status = 404;
                body = "not found";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        site.start();
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        NewsdeskConfig base = TestFixtures.config(tmp.resolve("data"), corpus);
        NewsdeskConfig.Chat chat = new NewsdeskConfig.Chat(List.of(ADMIN), 4000, 100, 100, List.of(), List.of());
        NewsdeskConfig c = new NewsdeskConfig(base.dataDir(), corpus, base.index(), base.search(), base.answer(), chat,
                base.telegram(), base.llm(), List.of(new NewsdeskConfig.Source("cape", "feed", url("/feed.xml"), null,
                null, "1h", false)), new NewsdeskConfig.Fetch("NewsdeskTestBot/1.0", 2, 5, 1_000_000, 0, 5, 60, 3600,
                100, true, 0)).withAlerts(new NewsdeskConfig.Alerts(20, 2));
        app = new App(c, Clock.systemUTC(), TestFixtures.embedder());
        app.reindex().run(false, p -> { });
    }

    static String url(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    /** A page in the feed; a page given again gets a later date in the feed, so the next sync fetches it again. */
    static void page(String path, String title, String first, String second) {
        String date = (pages.containsKey(path) ? "Wed, 02" : "Tue, 01") + " Dec 2026 09:00:00 GMT";
        pages.put(path, new String[]{title, first, second, date});
        if (!feed.contains(path)) {
            feed.add(path);
        }
    }

    @AfterAll
    static void stopAll() {
        app.close();
        site.stop(0);
    }

    @BeforeEach
    void startBot() throws Exception {
        api = new FakeBotApi(TOKEN);
        botDb = Database.open(Files.createTempDirectory(tmp, "bot").resolve("bot.db"));
        bot = new TelegramBot(app.chat(), botDb, new NewsdeskConfig.Telegram(TOKEN, api.url(), null), TelegramBotTest.FAST);
        bot.start();
    }

    @AfterEach
    void stopBot() throws Exception {
        bot.close();
        api.close();
        botDb.close();
    }

    String reply(long chatId, int n) throws InterruptedException {
        return plain(api.await("sendMessage", c -> c.chatId() == chatId, n, Duration.ofSeconds(60)).get(n - 1).text());
    }

    /** The text a reader sees: the HTML markup and entities taken out. */
    static String plain(String html) {
        return html.replaceAll("<[^<>]{0,300}>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    List<String> alertsTo(long chatId) {
        List<String> out = new ArrayList<>();
        for (FakeBotApi.Call c : api.calls("sendMessage")) {
            if (c.chatId() == chatId && c.text() != null && plain(c.text()).startsWith("New on your topics")) {
                out.add(c.text());
            }
        }
        return out;
    }

    static long count(String sql) {
        return TelegramBotTest.count(app.db(), sql);
    }

    void settle() {
        await().atMost(Duration.ofSeconds(60)).until(() -> bot.outboxHealth().depth() == 0);
    }

    @Test
    void followAlertUnfollowAcrossSyncs() throws Exception {
        api.text(USER, USER, "/follow lighthouse restoration");
        assertThat(reply(USER, 1)).startsWith("Following “lighthouse restoration” (id ");
        api.text(OTHER, OTHER, "/follow glacier survey");
        assertThat(reply(OTHER, 1)).startsWith("Following “glacier survey”");

        // sync 1, asked for with /sync: the lighthouse story is new and about USER's topic; nothing for OTHER
        page("/lighthouse", "Cape lighthouse restoration finished by volunteers",
                "Volunteers finished the restoration of the old cape lighthouse on Tuesday after two years of work.",
                "The restored lighthouse opens to visitors in May, the lighthouse trust said.");
        page("/market", "Harbour fish market moves to the old pier",
                "The harbour fish market moves to the old pier next spring, the council decided.",
                "Traders welcomed the move of the fish market to a larger hall.");
        api.text(ADMIN, ADMIN, "/sync");
        api.await("editMessageText", c -> c.chatId() == ADMIN && c.text().startsWith("Sync finished."), 1,
                Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(60)).until(() -> alertsTo(USER).size() == 1);
        FakeBotApi.Call alert = api.calls("sendMessage").stream()
                .filter(c -> c.chatId() == USER && plain(c.text()).startsWith("New on your topics")).findFirst()
                .orElseThrow();
        assertThat(alert.text()).startsWith("<b>New on your topics (1 article):</b>")
                .contains("<a href=\"" + url("/lighthouse") + "\">Cape lighthouse restoration finished by volunteers</a>");
        assertThat(alert.text()).contains("Cape lighthouse restoration finished by volunteers").contains("Cape News")
                .contains("lighthouse restoration").doesNotContain("fish market");
        assertThat(String.valueOf(alert.params().get("parse_mode"))).isEqualTo("HTML");
        settle();
        assertThat(alertsTo(OTHER)).isEmpty();

        // sync 2 (as the scheduler runs it): the lighthouse page changed (indexed again, still never alerted twice),
        // a new lighthouse story and a glacier story
        page("/lighthouse", "Cape lighthouse restoration finished by volunteers",
                "Volunteers finished the restoration of the old cape lighthouse on Tuesday after two years of hard work.",
                "The restored lighthouse opens to visitors in May, the lighthouse trust said on Wednesday.");
        page("/keeper", "Lighthouse keeper's cottage restoration begins",
                "After the lighthouse restoration, volunteers begin restoring the lighthouse keeper's cottage.",
                "The cottage restoration beside the lighthouse should take a year.");
        page("/glacier", "Glacier survey finds the ice retreating",
                "Surveyors measured the glacier retreating by forty metres since the last glacier survey.",
                "The glacier survey team will return in autumn.");
        var r = app.sync().run(true, s -> { }, ReindexListener.NONE);
        assertThat(r.reindex()).isNotNull();
        assertThat(r.reindex().added() + r.reindex().updated()).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(60)).until(() -> alertsTo(USER).size() == 2 && alertsTo(OTHER).size() == 1);
        String second = alertsTo(USER).get(1);
        assertThat(second).contains("Lighthouse keeper").doesNotContain("finished by volunteers");
        assertThat(alertsTo(OTHER).get(0)).contains("Glacier survey finds the ice retreating").doesNotContain("ighthouse");

        // sync 3: another lighthouse story, but USER had its 2 alerts today (alerts.max-per-day): none sent
        page("/lens", "Lighthouse lens returns after restoration",
                "The lighthouse lens came back from restoration and was fitted in the lighthouse lantern.",
                "The lighthouse restoration is now complete, the trust said.");
        app.sync().run(true, s -> { }, ReindexListener.NONE);
        settle();
        assertThat(alertsTo(USER)).hasSize(2);
        assertThat(count("SELECT messages FROM alert_days WHERE chat_id=" + USER)).isEqualTo(2);

        api.text(USER, USER, "/following");
        String listing = reply(USER, 4);
        assertThat(listing).startsWith("Topics this chat follows:").contains("lighthouse restoration");
        String id = listing.lines().filter(l -> l.contains("lighthouse restoration")).findFirst().orElseThrow()
                .split(" ")[0];
        api.text(USER, USER, "/unfollow " + id);
        assertThat(reply(USER, 5)).isEqualTo("Unfollowed “lighthouse restoration”.");
        api.text(USER, USER, "/following");
        assertThat(reply(USER, 6)).startsWith("This chat follows no topics.");
    }

    @Test
    void badInputsChangeNothing() throws Exception {
        long chat = 5005;
        api.text(chat, chat, "/follow");
        assertThat(reply(chat, 1)).startsWith("Usage: /follow <topic>");
        api.text(chat, chat, "/follow " + "x".repeat(101));
        assertThat(reply(chat, 2)).isEqualTo("A topic is at most 100 characters (this one has 101); nothing changed.");
        api.text(chat, chat, "/unfollow 987654");
        assertThat(reply(chat, 3)).startsWith("This chat follows no topic with id 987654; nothing changed.");
        api.text(chat, chat, "/unfollow soon");
        assertThat(reply(chat, 4)).startsWith("Usage: /unfollow <id>");
        assertThat(count("SELECT count(*) FROM alert_topics WHERE chat_id=" + chat)).isZero();
        for (int i = 1; i <= 20; i++) {
            api.text(chat, chat, "/follow topic number " + i);
        }
        assertThat(reply(chat, 24)).startsWith("Following “topic number 20”");
        api.text(chat, chat, "/follow topic number 21");
        assertThat(reply(chat, 25)).isEqualTo("This chat already follows 20 topics, the most it may (alerts.max-topics); "
                + "/unfollow one first. Nothing changed.");
        api.text(chat, chat, "/follow Topic Number 3");
        assertThat(reply(chat, 26)).startsWith("This chat already follows “topic number 3”");
        assertThat(count("SELECT count(*) FROM alert_topics WHERE chat_id=" + chat)).isEqualTo(20);
        // another chat cannot remove this chat's topic by its id
        long anId = app.db().with(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT min(id) FROM alert_topics WHERE chat_id="
                    + chat)) {
                rs.next();
                return rs.getLong(1);
            }
        });
        api.text(OTHER, OTHER, "/unfollow " + anId);
        assertThat(reply(OTHER, 1)).startsWith("This chat follows no topic with id " + anId);
        assertThat(count("SELECT count(*) FROM alert_topics WHERE chat_id=" + chat)).isEqualTo(20);
    }

    @Test
    void inGroupsOnlyAdministratorsChangeTopics() throws Exception {
        api.memberStatus(GROUP, GROUP_ADMIN, "administrator");
        api.text(GROUP, USER, "/follow harbour");
        assertThat(reply(GROUP, 1)).isEqualTo("In a group only its administrators change the followed topics; "
                + "nothing changed.");
        assertThat(api.calls("getChatMember")).anyMatch(c -> String.valueOf(c.params().get("user_id"))
                .equals(String.valueOf(USER)));
        api.text(GROUP, GROUP_ADMIN, "/follow harbour");
        assertThat(reply(GROUP, 2)).startsWith("Following “harbour”");
        api.text(GROUP, ADMIN, "/follow tram line"); // a bot admin (config) needs no question to Telegram
        assertThat(reply(GROUP, 3)).startsWith("Following “tram line”");
        api.text(GROUP, USER, "/following"); // anyone may read the list
        assertThat(reply(GROUP, 4)).contains("harbour").contains("tram line");

        // Telegram cannot be asked: fail closed, and the next attempt asks again (no cached refusal)
        long member = 6006;
        api.failNext("getChatMember", 1, 502, null);
        api.text(GROUP, member, "/unfollow 1");
        assertThat(reply(GROUP, 5)).startsWith("I could not ask Telegram whether you administer this group");
        assertThat(count("SELECT count(*) FROM alert_topics WHERE chat_id=" + GROUP)).isEqualTo(2);
    }

    @Test
    void aChatThatBlockedTheBotLosesItsTopics() throws Exception {
        long chat = 7007;
        api.text(chat, chat, "/follow bridge repairs");
        assertThat(reply(chat, 1)).startsWith("Following");
        api.text(chat, chat, "/follow night buses");
        assertThat(reply(chat, 2)).startsWith("Following");
        assertThat(count("SELECT count(*) FROM alert_topics WHERE chat_id=" + chat)).isEqualTo(2);
        api.failChat(chat, 1, 403, null);
        api.text(chat, chat, "/following");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM alert_topics WHERE chat_id=" + chat) == 0);
    }
}
