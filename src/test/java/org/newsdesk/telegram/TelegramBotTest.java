package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerComposer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.chat.AnswerButtons;
import org.newsdesk.chat.ChatService;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.store.StateStore;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.search.Hit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** End to end: the real TelegramBots client and long polling against {@link FakeBotApi}. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TelegramBotTest {
    static final String TOKEN = BotHarness.TOKEN;
    static final long ADMIN = BotHarness.ADMIN;
    static final long USER = 2002;
    static final long OTHER = 3003;
    static final long GROUP = -500;
    static final TelegramBot.Settings FAST = BotHarness.FAST;

    @TempDir
    Path tmp;
    @RegisterExtension
    final BotHarness harness = new BotHarness();
    final FakeBotApi api = harness.api;

    static NewsdeskConfig.Chat chatSettings() {
        return BotHarness.chatSettings();
    }

    // The set-up's names before the harness, for tests written in that style.
    Database db(String name) {
        return harness.db(name);
    }

    ChatService seedChat(Database db) {
        return harness.chat(db);
    }

    TelegramBot bot(ChatService chat, Database db) {
        return harness.startBot(chat, db, FAST);
    }

    ChatService chat(Database db, AnswerService answers) {
        App seed = TestFixtures.seedApp();
        return harness.closeLater(new ChatService(answers, seed.index(), seed.reindex(), chatSettings(), db,
                Clock.systemUTC()));
    }

    /** Waits until update {@code updateId} and every one before it were handled (not just queued). */
    static void awaitOffset(Database db, long updateId) {
        StateStore state = new StateStore(db);
        await("update " + updateId + " handled").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> state.getLong(org.newsdesk.store.UpdateQueue.OFFSET_KEY).orElse(0) >= updateId
                        && count(db, "SELECT count(*) FROM update_queue WHERE done_at IS NULL AND update_id <= "
                        + updateId) == 0);
    }

    /** Waits until update {@code updateId} was fetched: stored in the queue and acknowledged. */
    static void awaitFetched(Database db, long updateId) {
        StateStore state = new StateStore(db);
        await("update " + updateId + " fetched").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> state.getLong(org.newsdesk.store.UpdateQueue.OFFSET_KEY).orElse(0) >= updateId);
    }

    static long count(Database db, String sql) {
        return db.with(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @SuppressWarnings("unchecked")
    static List<String> callbackData(FakeBotApi.Call call) {
        Map<String, Object> markup = call.map("reply_markup");
        List<String> out = new ArrayList<>();
        if (markup == null) {
            return out;
        }
        for (List<Map<String, Object>> row : (List<List<Map<String, Object>>>) markup.get("inline_keyboard")) {
            for (Map<String, Object> b : row) {
                out.add((String) b.get("callback_data"));
            }
        }
        return out;
    }

    @Test
    void privateQuestionGetsCitedHtmlAnswerWithButtons() throws Exception {
        Database db = harness.db("a.db");
        TelegramBot bot = harness.startBot(harness.chat(db), db, FAST);
        assertThat(bot.username()).isEqualTo(FakeBotApi.BOT_USERNAME);
        int asked = api.text(USER, USER, "Where did Pompeo and Lavrov meet?");

        FakeBotApi.Call sent = api.awaitOne("sendMessage", c -> c.chatId() == USER);
        assertThat(sent.params()).containsEntry("parse_mode", "HTML");
        assertThat(sent.text()).contains("<b>Sources</b>").contains("[1] U.S.-Russia Talks");
        assertThat(sent.map("reply_parameters")).containsEntry("message_id", asked);
        assertThat(sent.map("link_preview_options")).containsEntry("is_disabled", true);
        List<String> data = callbackData(sent);
        assertThat(data).contains(data.get(0)).anyMatch(d -> d.startsWith("s:")).anyMatch(d -> d.endsWith(":up"))
                .anyMatch(d -> d.endsWith(":down"))
                .allSatisfy(d -> assertThat(d.getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(AnswerButtons.MAX_DATA_BYTES));
        // typing runs on the scheduler and is dropped when the answer is ready first (it never delays an answer), so
        // on a fast machine there may be none; any that was sent came before the answer. The commands were published.
        for (FakeBotApi.Call typing : api.calls("sendChatAction")) {
            assertThat(typing.params()).containsEntry("action", "typing");
            assertThat(typing.atMillis()).isLessThanOrEqualTo(sent.atMillis());
        }
        FakeBotApi.Call commands = api.awaitOne("setMyCommands", c -> true);
        assertThat(commands.params().get("commands").toString()).contains("ask", "help", "reset", "stats", "reindex", "sources", "sync", "add");
        assertThat(count(db, "SELECT count(*) FROM answers WHERE chat_id=" + USER)).isEqualTo(1);
    }

    /** A composer that writes a fixed answer (and echoes the question), for formatting tests. */
    static AnswerComposer stubComposer(String text, boolean echoQuestion) {
        return new AnswerComposer() {
            @Override
            public Answer compose(String question, List<Hit> hits) {
                Citation c1 = new Citation(1, "a1", "A <i>title</i> & more", "Outlet & Co", "https://example.com/a?x=1&y=2",
                        LocalDate.of(2020, 1, 2), "a1#0", "The passage text of the first source, with <tags> & ampersands.");
                Citation c2 = new Citation(2, "a2", "Second story", "Wire", "https://example.com/b",
                        LocalDate.of(2021, 3, 4), "a2#0", "Second passage.");
                return new Answer(question, (echoQuestion ? "You asked: " + question + " [1]\n\n" : "") + text, false,
                        List.of(c1, c2), hits, "stub", 1.0);
            }

            @Override
            public String name() {
                return "stub";
            }
        };
    }

    ChatService stubChat(Database db, String text, boolean echo) {
        App seed = TestFixtures.seedApp();
        return chat(db, new AnswerService(seed.searcher(), stubComposer(text, echo)));
    }

    /** Checks that a Telegram HTML part is well-formed: balanced tags, complete entities, no stray '<' or '>'. */
    static void assertWellFormed(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = Pattern.compile("<(/?)([a-z]+)[^<>]*>|&(#?[a-zA-Z0-9]+);|[<>&]").matcher(html);
        while (m.find()) {
            if (m.group(2) != null) {
                if (m.group(1).isEmpty()) {
                    open.push(m.group(2));
                } else {
                    assertThat(open).as("closing </%s> in %s", m.group(2), html).isNotEmpty();
                    assertThat(open.pop()).isEqualTo(m.group(2));
                }
            } else if (m.group(3) == null) {
                throw new AssertionError("stray '" + m.group() + "' at " + m.start() + " in: " + html);
            }
        }
        assertThat(open).as("unclosed tags").isEmpty();
    }

    @Test
    void groupChatterIsIgnoredButAddressedMessagesAreAnswered() throws Exception {
        Database db = harness.db("g.db");
        harness.startBot(harness.chat(db), db, FAST);
        api.text(GROUP, USER, "anyone seen the game last night?");
        api.sticker(GROUP, USER);
        api.text(GROUP, USER, "/ask@OtherBot who is Lavrov?");
        int ask = api.text(GROUP, USER, "/ask@NewsdeskBot Where did Pompeo and Lavrov meet?");
        int reply = api.replyToBot(GROUP, OTHER, "and who is the UN envoy for Syria?", 1001);
        int mention = api.text(GROUP, OTHER, "@NewsdeskBot When is New Start set to expire?");
        int last = api.text(GROUP, USER, "thanks all");
        awaitOffset(db, last);
        List<FakeBotApi.Call> sent = api.calls("sendMessage");
        assertThat(sent).hasSize(3).allSatisfy(c -> {
            assertThat(c.chatId()).isEqualTo(GROUP);
            assertThat(c.text()).contains("<b>Sources</b>");
        });
        assertThat(sent).extracting(c -> c.map("reply_parameters").get("message_id"))
                .containsExactlyInAnyOrder(ask, reply, mention);
    }

    @Test
    void nonTextInPrivateGetsAHint() throws Exception {
        Database db = harness.db("n.db");
        harness.startBot(harness.chat(db), db, FAST);
        api.sticker(USER, USER);
        assertThat(api.awaitOne("sendMessage", c -> c.chatId() == USER).text()).contains("only read text");
    }

    @Test
    void nonAdminReindexIsRefused() throws Exception {
        Database db = harness.db("r.db");
        harness.startBot(harness.chat(db), db, FAST);
        api.text(USER, USER, "/reindex");
        assertThat(api.awaitOne("sendMessage", c -> c.chatId() == USER).text()).contains("Only an admin");
        assertThat(count(db, "SELECT count(*) FROM admin_events WHERE allowed=0 AND user_id=" + USER)).isEqualTo(1);
        assertThat(api.calls("editMessageText")).isEmpty();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void adminReindexShowsProgressWhileQuestionsAreStillAnswered() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        App app = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus));
        harness.closeLater(app);
        app.reindex().run(false, p -> { });
        // more articles, so the admin's reindex takes a while
        for (int i = 0; i < 40; i++) {
            StringBuilder body = new StringBuilder("Title: Harbour report number " + i + "\nDate: 2021-05-" + (10 + i % 18)
                    + "\n\n");
            for (int j = 0; j < 30; j++) {
                body.append("The harbour authority of town ").append(i).append(" reported cargo volume ").append(j * 7 + i)
                        .append(" thousand tonnes in week ").append(j).append(", citing weather and demand. ");
            }
            Files.writeString(corpus.resolve("extra_" + i + ".txt"), body.toString());
        }
        // The chat's clock moves a second each time it is read, so how many progress edits the throttle lets
        // through depends on the number of progress reports, not on how fast this machine embeds.
        TickingClock clock = new TickingClock(Duration.ofSeconds(1));
        ChatService chat = new ChatService(app.answers(), app.index(), app.reindex(), chatSettings(), app.db(), clock);
        harness.closeLater(chat);
        harness.startBot(chat, app.db(), FAST);
        api.text(ADMIN, ADMIN, "/reindex");
        FakeBotApi.Call started = api.awaitOne("sendMessage", c -> c.chatId() == ADMIN);
        assertThat(started.text()).startsWith("Reindex started");
        api.text(USER, USER, "Where did Pompeo and Lavrov meet?");
        api.text(GROUP, ADMIN, "/reindex"); // a second one from the admin, in a group
        FakeBotApi.Call answer = api.awaitOne("sendMessage", c -> c.chatId() == USER);
        assertThat(answer.text()).contains("<b>Sources</b>");
        assertThat(api.awaitOne("sendMessage", c -> c.chatId() == GROUP).text()).contains("already running");
        FakeBotApi.Call done = api.await("editMessageText", c -> c.text().startsWith("Reindex finished"), 1,
                Duration.ofSeconds(150)).get(0);
        List<FakeBotApi.Call> edits = api.calls("editMessageText");
        assertThat(edits).allSatisfy(e -> {
            assertThat(e.chatId()).isEqualTo(ADMIN);
            assertThat(String.valueOf(e.params().get("message_id"))).isEqualTo(String.valueOf(
                    sentMessageId(started)));
        });
        assertThat(edits.size()).as("progress edits before the summary").isGreaterThanOrEqualTo(2);
        assertThat(edits.subList(0, edits.size() - 1)).allSatisfy(e -> assertThat(e.text()).startsWith("Reindexing: "));
        // at most one edit per PROGRESS_INTERVAL_MS of chat time: every edit costs that many ticks of the clock
        long intervalTicks = ChatService.PROGRESS_INTERVAL_MS / clock.stepMillis();
        assertThat((long) edits.size() - 1).as("progress edits, throttled").isLessThanOrEqualTo(clock.reads() / intervalTicks);
        assertThat(answer.atMillis()).as("question answered during the reindex").isLessThan(done.atMillis());
        assertThat(done.text()).contains("added");
    }

    /** A clock that advances by a fixed step on every read, and counts its reads. */
    static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(
                System.currentTimeMillis());
        private final AtomicLong reads = new AtomicLong();
        private final long stepMillis;

        TickingClock(Duration step) {
            this.stepMillis = step.toMillis();
        }

        long reads() {
            return reads.get();
        }

        long stepMillis() {
            return stepMillis;
        }

        @Override
        public long millis() {
            reads.incrementAndGet();
            return millis.addAndGet(stepMillis);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock in UTC");
        }
    }

    /** The message id the fake gave a sendMessage call (the n-th sendMessage got 1000 + n). */
    long sentMessageId(FakeBotApi.Call call) {
        return 1001 + api.calls("sendMessage").indexOf(call);
    }

    @Test
    void throttlingIsHonouredAndNoMessageIsLost() throws Exception {
        Database db = harness.db("t.db");
        harness.startBot(harness.chat(db), db, FAST);
        api.failNext("sendMessage", 1, 429, 1);
        api.text(USER, USER, "/help");
        api.text(USER, USER, "Where did Pompeo and Lavrov meet?");
        List<FakeBotApi.Call> sent = api.await("sendMessage", c -> c.chatId() == USER, 3, Duration.ofSeconds(30));
        // first attempt refused with 429, retried after retry_after, then the answer
        assertThat(sent.get(1).atMillis() - sent.get(0).atMillis()).isGreaterThanOrEqualTo(950);
        assertThat(sent.get(0).text()).isEqualTo(sent.get(1).text()).contains("For example");
        assertThat(sent.get(2).text()).contains("<b>Sources</b>");
        await().during(Duration.ofMillis(300)).until(() -> api.calls("sendMessage").size() == 3); // no repeat
    }

    @Test
    void serverErrorsAreRetriedAndBlockedUsersDropped() throws Exception {
        Database db = harness.db("e.db");
        harness.startBot(harness.chat(db), db, FAST);
        api.failNext("sendMessage", 2, 502, null);
        api.text(USER, USER, "/help");
        List<FakeBotApi.Call> sent = api.await("sendMessage", c -> c.chatId() == USER, 3, Duration.ofSeconds(30));
        assertThat(sent.get(2).text()).contains("For example");
        // a user who blocked the bot: dropped, and the next chat is still served
        api.failNext("sendMessage", 1, 403, null);
        api.text(OTHER, OTHER, "/help");
        int next = api.text(ADMIN, ADMIN, "/help");
        assertThat(api.awaitOne("sendMessage", c -> c.chatId() == ADMIN).text()).contains("For example");
        awaitOffset(db, next);
        assertThat(api.calls("sendMessage").stream().filter(c -> c.chatId() == OTHER)).hasSize(1);
    }

    @Test
    void longAnswerIsSplitIntoValidHtmlParts() throws Exception {
        StringBuilder text = new StringBuilder();
        int n = 0;
        while (text.length() < 9000) {
            if (n % 12 == 11) {
                text.append("\n\n");
            }
            text.append("Sentence number ").append(n++).append(" says that prices & wages rose by <5%> in the region [1]. ");
        }
        Database db = harness.db("l.db");
        harness.startBot(stubChat(db, text.toString(), false), db, FAST);
        int asked = api.text(USER, USER, "What happened to prices?");
        int last = api.text(USER, USER, "/help");
        awaitOffset(db, last);
        List<FakeBotApi.Call> parts = api.calls("sendMessage").stream().filter(c -> !c.text().contains("For example"))
                .toList();
        assertThat(parts.size()).isBetween(3, 5);
        String joined = "";
        for (FakeBotApi.Call p : parts) {
            assertThat(p.text().length()).isLessThanOrEqualTo(4096);
            assertWellFormed(p.text());
            joined += p.text() + " ";
        }
        assertThat(parts.get(0).map("reply_parameters")).containsEntry("message_id", asked);
        assertThat(parts.get(1).params()).doesNotContainKey("reply_parameters");
        assertThat(callbackData(parts.get(parts.size() - 1))).isNotEmpty();
        assertThat(callbackData(parts.get(0))).isEmpty();
        assertThat(joined).contains("Sentence number " + (n - 1) + " says").contains("&lt;5%&gt;")
                .contains("<a href=\"https://example.com/a?x=1&amp;y=2\">A &lt;i&gt;title&lt;/i&gt; &amp; more</a>");
    }

    @Test
    void questionWithMarkupIsEscaped() throws Exception {
        Database db = harness.db("x.db");
        harness.startBot(stubChat(db, "Short answer [1].", true), db, FAST);
        api.text(USER, USER, "What about <b>& Lavrov?");
        FakeBotApi.Call sent = api.awaitOne("sendMessage", c -> c.chatId() == USER);
        assertThat(sent.text()).contains("You asked: What about &lt;b&gt;&amp; Lavrov?").doesNotContain("<b>&")
                .contains("Outlet &amp; Co, 2020-01-02");
        assertWellFormed(sent.text());
    }

    @Test
    void sourceButtonsShowPassagesAndVotesAreStoredOncePerUser() throws Exception {
        Database db = harness.db("v.db");
        harness.startBot(stubChat(db, "Short answer [1][2].", false), db, FAST);
        api.text(USER, USER, "What happened?");
        FakeBotApi.Call sent = api.awaitOne("sendMessage", c -> c.chatId() == USER);
        List<String> data = callbackData(sent);
        assertThat(data).hasSize(4).allSatisfy(d -> assertThat(d.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(AnswerButtons.MAX_DATA_BYTES));
        int msg = (int) sentMessageId(sent);
        String up = data.stream().filter(d -> d.endsWith(":up")).findFirst().orElseThrow();
        String down = data.stream().filter(d -> d.endsWith(":down")).findFirst().orElseThrow();
        long answerId = Long.parseLong(up.split(":")[1]);

        api.callback(USER, USER, msg, data.get(0));
        FakeBotApi.Call source = api.await("sendMessage", c -> c.chatId() == USER, 2, Duration.ofSeconds(20)).get(1);
        assertThat(source.text()).startsWith("<b>[1] A &lt;i&gt;title&lt;/i&gt; &amp; more</b>")
                .contains("The passage text of the first source, with &lt;tags&gt; &amp; ampersands.");
        assertWellFormed(source.text());

        api.callback(USER, USER, msg, up);
        api.callback(USER, USER, msg, up);
        api.callback(USER, OTHER, msg, up);
        api.callback(USER, USER, msg, down);
        int stale = api.callback(USER, USER, msg, "v:999999:up");
        awaitOffset(db, stale);
        List<FakeBotApi.Call> answered = api.calls("answerCallbackQuery");
        assertThat(answered).hasSize(6);
        assertThat(answered).extracting(c -> String.valueOf(c.params().get("text"))).containsExactly(
                "Source [1]", "Thanks for your feedback!", "You already voted 👍 on this answer.",
                "Thanks for your feedback!", "Your vote has been changed to 👎.",
                "This button has expired. Please ask the question again.");
        assertThat(count(db, "SELECT count(*) FROM feedback WHERE answer_id=" + answerId)).isEqualTo(2);
        assertThat(count(db, "SELECT vote FROM feedback WHERE user_id=" + USER)).isEqualTo(-1);
        assertThat(count(db, "SELECT vote FROM feedback WHERE user_id=" + OTHER)).isEqualTo(1);
    }

    @Test
    void adminStatsIncludeFeedback() throws Exception {
        Database db = harness.db("s.db");
        harness.startBot(stubChat(db, "Short answer [1].", false), db, FAST);
        api.text(USER, USER, "What happened?");
        FakeBotApi.Call sent = api.awaitOne("sendMessage", c -> c.chatId() == USER);
        String up = callbackData(sent).stream().filter(d -> d.endsWith(":up")).findFirst().orElseThrow();
        api.callback(USER, USER, (int) sentMessageId(sent), up);
        api.awaitOne("answerCallbackQuery", c -> true); // chats run side by side: the vote first, then /stats
        api.text(ADMIN, ADMIN, "/stats");
        assertThat(api.awaitOne("sendMessage", c -> c.chatId() == ADMIN).text()).contains("Feedback: 1 👍, 0 👎");
    }

    @Test
    void inlineQueryGetsUpToFiveArticles() throws Exception {
        Database db = harness.db("i.db");
        harness.startBot(harness.chat(db), db, FAST);
        api.inline(USER, "Where did Pompeo and Lavrov meet?");
        FakeBotApi.Call answered = api.awaitOne("answerInlineQuery", c -> true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) answered.params().get("results");
        assertThat(results).isNotEmpty().hasSizeLessThanOrEqualTo(5).allSatisfy(r -> {
            assertThat(r).containsEntry("type", "article");
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) r.get("input_message_content");
            assertThat(content).containsEntry("parse_mode", "HTML");
            assertThat((String) content.get("message_text")).contains("<b>Sources</b>");
        });
        assertThat(results.get(0).get("title").toString()).contains("U.S.-Russia Talks");
    }

    @Test
    void groupUpgradeKeepsItsAnswers() throws Exception {
        Database db = harness.db("m.db");
        harness.startBot(stubChat(db, "Short answer [1].", false), db, FAST);
        api.text(GROUP, USER, "/ask What happened?");
        FakeBotApi.Call sent = api.awaitOne("sendMessage", c -> c.chatId() == GROUP);
        String up = callbackData(sent).stream().filter(d -> d.endsWith(":up")).findFirst().orElseThrow();
        long supergroup = -1_001_234_567_890L;
        api.message(GROUP, USER, null, Map.of("migrate_to_chat_id", supergroup));
        int cb = api.callback(supergroup, USER, (int) sentMessageId(sent), up);
        awaitOffset(db, cb);
        assertThat(count(db, "SELECT count(*) FROM answers WHERE chat_id=" + supergroup)).isEqualTo(1);
        assertThat(api.calls("answerCallbackQuery").get(0).params().get("text")).isEqualTo("Thanks for your feedback!");
    }

    @Test
    void restartNeitherRepeatsNorDropsUpdates() throws Exception {
        Path file = harness.path("restart.db");
        Database db1 = Database.open(file);
        ChatService chat1 = harness.chat(db1);
        TelegramBot bot1 = new TelegramBot(chat1, db1, harness.telegram(null), FAST);
        try {
            bot1.start();
            api.text(USER, USER, "/help");
            int second = api.text(OTHER, OTHER, "/help");
            api.await("sendMessage", c -> true, 2, Duration.ofSeconds(20));
            awaitOffset(db1, second);
        } finally {
            bot1.stop();
            chat1.close();
            db1.close();
        }
        int third = api.text(ADMIN, ADMIN, "/help"); // arrives while the bot is down
        int pollsBefore = api.calls("getUpdates").size();
        Database db2 = harness.db("restart.db");
        harness.startBot(harness.chat(db2), db2, FAST);
        api.awaitOne("sendMessage", c -> c.chatId() == ADMIN);
        awaitOffset(db2, third);
        int polled = api.calls("getUpdates").size();
        // a few more polls: nothing old may come back
        await().atMost(Duration.ofSeconds(10)).until(() -> api.calls("getUpdates").size() >= polled + 3);
        // chats are answered concurrently: the first two in either order, each once
        List<Long> chats = api.calls("sendMessage").stream().map(FakeBotApi.Call::chatId).toList();
        assertThat(chats).hasSize(3).endsWith(ADMIN);
        assertThat(chats.subList(0, 2)).containsExactlyInAnyOrder(USER, OTHER);
        // the restarted bot asked Telegram only for updates after the stored offset
        List<FakeBotApi.Call> polls = api.calls("getUpdates");
        assertThat(polls.subList(pollsBefore, polls.size())).isNotEmpty()
                .allSatisfy(c -> assertThat(Integer.parseInt(String.valueOf(c.params().get("offset")))).isGreaterThanOrEqualTo(third));
    }

    @Test
    void typingIsRepeatedWhileASlowAnswerIsPrepared() throws Exception {
        App seed = TestFixtures.seedApp();
        AnswerComposer fast = stubComposer("Slow answer [1].", false);
        AnswerComposer slow = new AnswerComposer() {
            @Override
            public Answer compose(String question, List<Hit> hits) {
                try {
                    Thread.sleep(1200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return fast.compose(question, hits);
            }

            @Override
            public String name() {
                return "slow";
            }
        };
        Database db = harness.db("slow.db");
        harness.startBot(chat(db, new AnswerService(seed.searcher(), slow)), db, FAST); // typing re-sent every 300 ms here
        int last = api.text(USER, USER, "What happened?");
        FakeBotApi.Call sent = api.awaitOne("sendMessage", c -> c.chatId() == USER);
        awaitOffset(db, last);
        // typing stops with the reply: none for the next 700 ms (it was re-sent every 300 ms before)
        await().during(Duration.ofMillis(700)).until(() -> api.calls("sendChatAction").stream()
                .noneMatch(c -> c.atMillis() > sent.atMillis() + 50));
        List<FakeBotApi.Call> typing = api.calls("sendChatAction");
        assertThat(typing.stream().filter(c -> c.atMillis() <= sent.atMillis())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(typing.stream().filter(c -> c.atMillis() > sent.atMillis() + 50)).as("stopped once sent").isEmpty();
    }

    @Test
    void webhookChecksTheSecretAndFeedsTheSameHandler() throws Exception {
        Database db = harness.db("w.db");
        TelegramBot bot = new TelegramBot(harness.chat(db), db, harness.telegram("s3cret_Hook-1"),
                FAST);
        harness.closeLater(bot);
        bot.startWebhook("https://bot.example.org/tg/hook", "127.0.0.1", 0);
        FakeBotApi.Call set = api.awaitOne("setWebhook", c -> true);
        assertThat(set.params()).containsEntry("url", "https://bot.example.org/tg/hook")
                .containsEntry("secret_token", "s3cret_Hook-1");
        String update = "{\"update_id\":41,\"message\":{\"message_id\":5,\"date\":1700000000,"
                + "\"chat\":{\"id\":" + USER + ",\"type\":\"private\"},\"from\":{\"id\":" + USER
                + ",\"is_bot\":false,\"first_name\":\"U\"},\"text\":\"/help\"}}";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI hook = java.net.URI.create("http://127.0.0.1:" + bot.webhookPort() + "/tg/hook");
        java.util.function.Function<String, Integer> post = secret -> {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(hook)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update));
            if (secret != null) {
                b.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            try {
                return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(post.apply(null)).isEqualTo(401);
        assertThat(post.apply("wrong")).isEqualTo(401);
        assertThat(post.apply("s3cret_Hook-1")).isEqualTo(200);
        assertThat(api.awaitOne("sendMessage", c -> c.chatId() == USER).text()).contains("For example");
        assertThat(post.apply("s3cret_Hook-1")).as("a redelivery").isEqualTo(200);
        awaitOffset(db, 41);
        await().during(Duration.ofMillis(300)).until(() -> api.calls("sendMessage").size() == 1);
        assertThat(api.calls("getUpdates")).isEmpty();
    }

    @Test
    void webhookWithoutSecretIsAUsageError() {
        Database db = harness.db("w2.db");
        TelegramBot bot = new TelegramBot(harness.chat(db), db, harness.telegram(null), FAST);
        harness.closeLater(bot);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bot.startWebhook("https://x.org/h", "127.0.0.1", 0))
                .isInstanceOf(BotStartException.class).hasMessageContaining("WEBHOOK_SECRET");
    }

    @Test
    void aLongAnswerEditedIntoAStreamedMessageGetsItsRestAndButtons() throws Exception {
        org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient client =
                new org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient(TOKEN, TelegramBot.telegramUrl(api.url()));
        TelegramApi tapi = new TelegramApi(client, TOKEN, 20, 3);
        Database db = harness.db("edit.db");
        SendScheduler sender = new SendScheduler(tapi, new org.newsdesk.store.OutboxStore(db),
                new SendScheduler.Limits(0, 0, 25, 20, 200, 60_000), TOKEN);
        sender.start(List.of());
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors.newScheduledThreadPool(1);
        try {
            TelegramOutbox outbox = new TelegramOutbox(tapi, sender, 0, USER, false, scheduler, 300);
            long handle = outbox.send(org.newsdesk.chat.OutgoingMessage.text("Writing…", 9));
            assertThat(handle).isPositive();
            String text = "A long sentence about the harbour and its cargo [1]. ".repeat(120);
            Answer answer = stubComposer(text, false).compose("q", List.of());
            outbox.edit(handle, new org.newsdesk.chat.OutgoingMessage(answer.text(), answer, 0, 55));
            FakeBotApi.Call edit = api.awaitOne("editMessageText", c -> true);
            assertThat(edit.params().get("message_id")).isEqualTo(1001);
            assertThat(edit.params()).containsEntry("parse_mode", "HTML").doesNotContainKey("reply_markup");
            // the rest follows the edit as new messages, the buttons under the last
            api.await("sendMessage", c -> c.text().contains("<b>Sources</b>"), 1, Duration.ofSeconds(10));
            List<FakeBotApi.Call> sent = api.calls("sendMessage");
            assertThat(sent).hasSizeGreaterThanOrEqualTo(2);
            FakeBotApi.Call last = sent.get(sent.size() - 1);
            assertThat(last.text()).contains("<b>Sources</b>");
            assertThat(callbackData(last)).contains("s:55:1", "s:55:2", "v:55:up", "v:55:down");
            for (FakeBotApi.Call c : api.calls()) {
                if (c.text() != null) {
                    assertThat(c.text().length()).isLessThanOrEqualTo(4096);
                    assertWellFormed(c.text());
                }
            }
            assertThat(edit.atMillis()).as("the edit waited for its message").isGreaterThanOrEqualTo(sent.get(0).atMillis());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sender.depth() == 0);
            assertThat(new org.newsdesk.store.OutboxStore(db).count()).as("delivered replies leave the outbox").isZero();
        } finally {
            scheduler.shutdownNow();
            sender.shutdown(1000);
        }
    }
}
