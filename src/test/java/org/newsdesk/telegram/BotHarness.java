package org.newsdesk.telegram;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerComposer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.app.App;
import org.newsdesk.chat.ChatService;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The set-up every end-to-end Telegram test shares: a {@link FakeBotApi} started with the test instance, databases
 * and chat cores over the shared seed index, bots pointed at the fake; everything made through it is closed after
 * the test, newest first, then the fake. Use as
 * {@code @RegisterExtension final BotHarness harness = new BotHarness(); final FakeBotApi api = harness.api;}.
 */
final class BotHarness implements AfterEachCallback {
    static final String TOKEN = "123456:TEST-token-AbCdEfGhIjKlMnOp";
    static final long ADMIN = 1001;
    /** Production's behaviour with waits cut to test scale. */
    static final TelegramBot.Settings FAST = new TelegramBot.Settings(1, 20, 20, 50, 4, 300);

    final FakeBotApi api;
    private final String token;
    private final Path dir;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    BotHarness() {
        this(TOKEN);
    }

    BotHarness(String token) {
        this.token = token;
        try {
            dir = Files.createTempDirectory("bot-harness");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        api = new FakeBotApi(token);
    }

    /** Closed after the test (before anything made earlier). */
    <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** Where {@link #db} keeps database {@code name}. */
    Path path(String name) {
        return dir.resolve(name);
    }

    Database db(String name) {
        return closeLater(Database.open(path(name)));
    }

    /** The bot's Telegram settings: the token, the fake's URL, a webhook secret (null: long polling). */
    NewsdeskConfig.Telegram telegram(String webhookSecret) {
        return new NewsdeskConfig.Telegram(token, api.url(), webhookSecret);
    }

    /** One admin ({@link #ADMIN}), 100 questions a minute, 4000-character messages. */
    static NewsdeskConfig.Chat chatSettings() {
        return chatSettings(100);
    }

    static NewsdeskConfig.Chat chatSettings(int perMinute) {
        return new NewsdeskConfig.Chat(List.of(ADMIN), 4000, perMinute, 100, List.of(), List.of());
    }

    /** A chat core over the shared seed index and its extractive composer, with its own database. */
    ChatService chat(Database db) {
        return chat(db, null, chatSettings());
    }

    /** A chat core over the shared seed index; {@code composer} null: the seed's extractive one. */
    ChatService chat(Database db, AnswerComposer composer, NewsdeskConfig.Chat settings) {
        App seed = TestFixtures.seedApp();
        AnswerService answers = new AnswerService(seed.searcher(), composer == null ? seed.answers().composer() : composer);
        return closeLater(new ChatService(answers, seed.index(), seed.reindex(), settings, db, Clock.systemUTC()));
    }

    /** A bot on the fake, not started. */
    TelegramBot bot(ChatService chat, Database db, TelegramBot.Settings settings) {
        return closeLater(new TelegramBot(chat, db, telegram(null), settings));
    }

    /** A bot on the fake, started. */
    TelegramBot startBot(ChatService chat, Database db, TelegramBot.Settings settings) {
        TelegramBot bot = bot(chat, db, settings);
        bot.start();
        return bot;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort: one failed close must not keep the rest open
            }
        }
        api.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
