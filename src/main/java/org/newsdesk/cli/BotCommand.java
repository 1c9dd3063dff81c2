package org.newsdesk.cli;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.telegram.BotStartException;
import org.newsdesk.telegram.Secrets;
import org.newsdesk.telegram.TelegramBot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Telegram bot (long polling) until the process is stopped. Exit codes: 2 when no token is configured,
 * 1 when Telegram rejects the token or cannot be reached.
 */
@Command(name = "bot", mixinStandardHelpOptions = true,
        description = "Run the Telegram bot (long polling). The token comes from NEWSDESK_TELEGRAM_TOKEN.")
final class BotCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "Webhook mode: the public https URL Telegram should post updates to "
                    + "(needs NEWSDESK_TELEGRAM_WEBHOOK_SECRET). Default: long polling.")
    String webhookUrl;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8443",
            description = "Webhook mode: local port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Webhook mode: local address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        NewsdeskConfig c = main.config();
        String token = c.telegram().token();
        PrintStream err = System.err;
        if (token == null || token.isBlank()) {
            err.println("newsdesk: no Telegram bot token. Create a bot with @BotFather in Telegram (/newbot), then "
                    + "run with NEWSDESK_TELEGRAM_TOKEN=<the token it gives you>.");
            return 2;
        }
        try {
            // fail fast on a wrong token, before the embedding model is loaded
            TelegramBot.verifyToken(c.telegram());
        } catch (BotStartException e) {
            err.println("newsdesk: " + Secrets.redact(e.getMessage(), token));
            return e.exitCode();
        }
        try (App app = main.app()) {
            if (!app.index().exists()) {
                err.println("newsdesk: warning: no index yet; the bot will say so until an admin sends /reindex "
                        + "(or run 'newsdesk index').");
            }
            TelegramBot bot = new TelegramBot(app.chat(), app.db(), c.telegram(), TelegramBot.Settings.defaults());
            // Followed sources are synced in the background on their schedule, one sync at a time.
            org.newsdesk.index.SyncScheduler schedule = new org.newsdesk.index.SyncScheduler(app.sync());
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                bot.stop();
                stopped.countDown();
            }, "bot-shutdown");
            String username;
            try {
                username = webhookUrl == null ? bot.start() : bot.startWebhook(webhookUrl, bind, port);
            } catch (BotStartException e) {
                bot.stop();
                err.println("newsdesk: " + Secrets.redact(e.getMessage(), token));
                return e.exitCode();
            } catch (RuntimeException e) {
                bot.stop();
                err.println("newsdesk: the bot failed to start: " + Secrets.describe(e, token));
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(hook);
            schedule.start(c.fetch().checkEverySeconds());
            err.println("Bot @" + username + " is running (" + (webhookUrl == null ? "long polling"
                    : "webhook on port " + bot.webhookPort()) + "). Stop with Ctrl-C.");
            stopped.await();
            schedule.close();
            return 0;
        }
    }
}
