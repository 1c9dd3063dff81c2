package org.newsdesk.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.chat.ChatService;
import org.newsdesk.app.App;
import org.newsdesk.cli.Main;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bot token never reaches a log line, an error message or the console; start-up failures exit 1 or 2. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenSecrecyTest {
    static final String TOKEN = "424242:SECRET-part-ZyXwVuTsRqPoNm";
    static final String WRONG = "515151:WRONG-secret-AbCdEfGhIjKl";
    static final List<String> LOGGERS = List.of("org.telegram", "okhttp3", "org.newsdesk");

    @TempDir
    Path tmp;
    @RegisterExtension
    final BotHarness harness = new BotHarness(TOKEN);
    final FakeBotApi api = harness.api;
    ListAppender<ILoggingEvent> appender;
    final Map<String, Level> oldLevels = new HashMap<>();
    PrintStream oldErr;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        appender = new ListAppender<>();
        appender.start();
        root().addAppender(appender);
        for (String name : LOGGERS) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            oldLevels.put(name, l.getLevel());
            l.setLevel(Level.DEBUG); // everything the libraries would say at their chattiest
        }
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setErr(oldErr);
        root().detachAppender(appender);
        oldLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private void assertNoSecretAnywhere(String... more) {
        assertThat(appender.list).as("captured log events").isNotEmpty();
        for (ILoggingEvent e : appender.list) {
            String all = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String secret : List.of(TOKEN, WRONG, "SECRET-part-ZyXwVuTsRqPoNm", "WRONG-secret-AbCdEfGhIjKl")) {
                assertThat(all).as("log event from %s", e.getLoggerName()).doesNotContain(secret);
            }
        }
        String console = err.toString(StandardCharsets.UTF_8);
        assertThat(console).doesNotContain(TOKEN).doesNotContain(WRONG).doesNotContain("SECRET-part")
                .doesNotContain("WRONG-secret");
        for (String s : more) {
            assertThat(s).doesNotContain(TOKEN).doesNotContain(WRONG).doesNotContain("SECRET-part")
                    .doesNotContain("WRONG-secret");
        }
    }

    private Path configFile(String token, String apiUrl) throws Exception {
        Path f = tmp.resolve("newsdesk.yaml");
        Files.writeString(f, "data-dir: " + tmp.resolve("data") + "\ncorpus-dir: " + tmp.resolve("corpus")
                + "\ntelegram:\n  api-url: \"" + apiUrl + "\"\n");
        return f;
    }

    @Test
    void rejectedTokenExitsWithTwoAndIsNeverShown() throws Exception {
        assertThat(Main.run(java.util.Map.of("NEWSDESK_TELEGRAM_TOKEN", WRONG), "--config",
                configFile(WRONG, api.url()).toString(), "bot")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rejected the bot token").contains("401");

        NewsdeskConfig.Telegram config = new NewsdeskConfig.Telegram(WRONG, api.url(), null);
        BotStartException e = (BotStartException) org.assertj.core.api.Assertions.catchThrowable(
                () -> TelegramBot.verifyToken(config));
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).contains("rejected");
        org.slf4j.LoggerFactory.getLogger(TokenSecrecyTest.class).warn("start failed: {}", e.getMessage());
        assertNoSecretAnywhere(e.getMessage());
    }

    @Test
    void missingTokenExitsWithTwoAndExplainsBotFather() throws Exception {
        assertThat(Main.run(java.util.Map.of(), "--config", configFile("", api.url()).toString(), "bot")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("BotFather").contains("NEWSDESK_TELEGRAM_TOKEN");
        assertThatThrownBy(() -> TelegramBot.verifyToken(new NewsdeskConfig.Telegram(" ", api.url(), null)))
                .isInstanceOf(BotStartException.class).hasMessageContaining("BotFather")
                .satisfies(t -> assertThat(((BotStartException) t).exitCode()).isEqualTo(2));
        assertThat(api.calls()).isEmpty();
    }

    @Test
    void unreachableApiFailsWithOneAndNoToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        NewsdeskConfig.Telegram config = new NewsdeskConfig.Telegram(TOKEN, "http://127.0.0.1:" + port, null);
        BotStartException e = (BotStartException) org.assertj.core.api.Assertions.catchThrowable(
                () -> TelegramBot.verifyToken(config));
        assertThat(e.exitCode()).isEqualTo(1);
        assertThat(e.getMessage()).contains("cannot reach");
        org.slf4j.LoggerFactory.getLogger(TokenSecrecyTest.class).warn("start failed: {}", e.getMessage());
        assertNoSecretAnywhere(e.getMessage());
    }

    @Test
    void serverErrorsWhilePollingAndSendingNeverLogTheToken() throws Exception {
        App seed = TestFixtures.seedApp();
        try (Database db = Database.open(tmp.resolve("s.db"));
             ChatService chat = new ChatService(new AnswerService(seed.searcher(), seed.answers().composer()),
                     seed.index(), seed.reindex(), new NewsdeskConfig.Chat(List.of(), 4000, 100, 100, List.of(), List.of()),
                     db, Clock.systemUTC());
             TelegramBot bot = new TelegramBot(chat, db, new NewsdeskConfig.Telegram(TOKEN, api.url(), null),
                     new TelegramBot.Settings(1, 10, 20, 20, 3, 300))) {
            api.failNext("getUpdates", 2, 500, null);
            api.failNextWithPage("getUpdates", 1, 502);
            api.failNext("sendMessage", 3, 503, null);
            assertThat(bot.pollerHealth().answered()).isFalse();
            bot.start();
            api.text(77, 77, "/help");
            api.await("sendMessage", c -> true, 4, Duration.ofSeconds(30)); // three 503s, then delivered
            int next = api.text(78, 78, "/help");
            api.awaitOne("sendMessage", c -> c.chatId() == 78);
            TelegramBotTest.awaitOffset(db, next);
            // /readyz says "last reply N s ago" only once getUpdates has answered ("waiting for ..." before).
            assertThat(bot.pollerHealth().answered()).isTrue();
        }
        assertThat(appender.list).anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("kept in the outbox"));
        assertThat(appender.list).anyMatch(e -> e.getLoggerName().startsWith("org.newsdesk.telegram")
                && e.getFormattedMessage().contains("getUpdates refused (500"));
        // A proxy's HTML page instead of Telegram's JSON: the log says what came back, not "refused (null)".
        assertThat(appender.list).noneMatch(e -> e.getFormattedMessage().contains("(null)"));
        assertThat(appender.list).anyMatch(e -> e.getFormattedMessage().contains("getUpdates")
                && e.getFormattedMessage().contains("unreadable reply"));
        assertNoSecretAnywhere();
    }
}
