package org.newsdesk.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerComposer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.chat.AnswerButtons;
import org.newsdesk.chat.ChatService;
import org.newsdesk.cli.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.store.StateStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** End to end: the real TelegramBots client and long polling against {@link FakeBotApi}. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TelegramBotTest {
    static final String TOKEN = "123456:TEST-token-AbCdEfGhIjKlMnOp";
    static final long ADMIN = 1001;
    static final long USER = 2002;
    static final long OTHER = 3003;
    static final long GROUP = -500;
    static final TelegramBot.Settings FAST = new TelegramBot.Settings(1, 20, 20, 50, 4, 300);

    @TempDir
    Path tmp;
    FakeBotApi api;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startFake() throws Exception {
        api = new FakeBotApi(TOKEN);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        api.close();
    }

    static NewsdeskConfig.Chat chatSettings() {
        return new NewsdeskConfig.Chat(List.of(ADMIN), 4000, 100, 100, List.of(), List.of());
    }

    NewsdeskConfig.Telegram telegram(String token) {
        return new NewsdeskConfig.Telegram(token, api.url(), null);
    }

    Database db(String name) {
        Database db = Database.open(tmp.resolve(name));
        toClose.add(db);
        return db;
    }

    /** A chat core over the shared seed index, with its own database. */
    ChatService seedChat(Database db) {
        App seed = TestFixtures.seedApp();
        return chat(db, new AnswerService(seed.searcher(), seed.answers().composer()));
    }

    ChatService chat(Database db, AnswerService answers) {
        App seed = TestFixtures.seedApp();
        ChatService chat = new ChatService(answers, seed.index(), seed.reindex(), chatSettings(), db, Clock.systemUTC());
        toClose.add(chat);
        return chat;
    }

    TelegramBot bot(ChatService chat, Database db) {
        TelegramBot bot = new TelegramBot(chat, db, telegram(TOKEN), FAST);
        toClose.add(bot);
        bot.start();
        return bot;
    }

    static void awaitOffset(Database db, long updateId) throws InterruptedException {
        StateStore state = new StateStore(db);
        long deadline = System.currentTimeMillis() + 30_000;
        while (state.getLong(UpdateHandler.OFFSET_KEY).orElse(0) < updateId) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("update " + updateId + " was not handled in time");
            }
            Thread.sleep(20);
        }
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
        Database db = db("a.db");
        TelegramBot bot = bot(seedChat(db), db);
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
        // typing was shown before the answer; the commands were published at start
        FakeBotApi.Call typing = api.awaitOne("sendChatAction", c -> c.chatId() == USER);
        assertThat(typing.params()).containsEntry("action", "typing");
        assertThat(typing.atMillis()).isLessThanOrEqualTo(sent.atMillis());
        FakeBotApi.Call commands = api.awaitOne("setMyCommands", c -> true);
        assertThat(commands.params().get("commands").toString()).contains("ask", "help", "reset", "stats", "reindex");
        assertThat(count(db, "SELECT count(*) FROM answers WHERE chat_id=" + USER)).isEqualTo(1);
    }
}
