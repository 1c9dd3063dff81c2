package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.telegram.BotStartException;
import org.newsdesk.telegram.Secrets;
import org.newsdesk.telegram.TelegramBot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.newsdesk.ops.EventLog;
import org.newsdesk.ops.OpsMetrics;
import org.newsdesk.store.IndexRunLog;
import org.newsdesk.answer.LlmComposer;
import org.newsdesk.ops.OpsServer;
import org.newsdesk.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Telegram bot until the process is stopped. Exit codes: 2 when no token is configured, 1 when Telegram
 * rejects the token or cannot be reached, 3 when the watchdog finds long polling stalled (so that systemd or Docker
 * restarts the process). SIGTERM stops gracefully: no new updates, the running ones finish (or stay queued); the
 * process then ends with the JVM's code for SIGTERM, 143 (128 + 15), which Docker and systemd read as a stop.
 */
@Command(name = "bot", mixinStandardHelpOptions = true,
        description = "Run the Telegram bot (long polling). The token comes from NEWSDESK_TELEGRAM_TOKEN.")
final class BotCommand implements Callable<Integer> {
    static final int EXIT_STALLED = 3;
    private static final Logger log = LoggerFactory.getLogger(BotCommand.class);

    @ParentCommand
    Main main;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "Webhook mode: the public https URL Telegram should post updates to "
                    + "(needs NEWSDESK_TELEGRAM_WEBHOOK_SECRET). Default: long polling.")
    String webhookUrl;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8443",
            description = "Webhook mode: local port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Webhook mode: local address to listen on (default: ${DEFAULT-VALUE}: put a TLS reverse "
                    + "proxy in front; docs/deploy.md).")
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
            if (e.exitCode() == 2) {
                err.println("newsdesk: " + Secrets.redact(e.getMessage(), token));
                return e.exitCode();
            }
            // Telegram down or unreachable: start anyway and wait for it (a restart loop would not help)
            err.println("newsdesk: Telegram is not answering yet (" + Secrets.redact(e.getMessage(), token)
                    + "); starting anyway, the bot waits for it.");
        }
        EventLog.enableForBot(System.getenv()); // one INFO line per question and per sync
        try (App app = main.app()) {
            TelegramBot.Settings settings = TelegramBot.Settings.defaults().with(c.telegram());
            TelegramBot bot = new TelegramBot(app.chat(), app.db(), c.telegram(), settings);
            // Followed sources are synced in the background on their schedule, one sync at a time.
            org.newsdesk.sources.SyncScheduler schedule = new org.newsdesk.sources.SyncScheduler(app.sync());
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                bot.stop();
                stopped.countDown();
            }, "bot-shutdown");
            long stallMs = c.ops().stallSeconds() * 1000L;
            // before the bot starts, so the metrics registry sees every question from the first one
            OpsServer ops = c.ops().port() == 0 ? null : startOps(c, app, bot, stallMs, err);
            if (!app.archive().exists()) {
                err.println("newsdesk: no index yet: indexing " + c.corpusDir() + " in the background; questions are "
                        + "told to try again in a minute meanwhile.");
                app.chat().indexInBackground();
            }
            // before start-up, which may wait for Telegram: SIGTERM meanwhile ends the wait
            Runtime.getRuntime().addShutdownHook(hook);
            String username;
            try {
                username = webhookUrl == null ? bot.start() : bot.startWebhook(webhookUrl, bind, port);
            } catch (BotStartException e) {
                bot.stop();
                closeOps(ops);
                err.println("newsdesk: " + Secrets.redact(e.getMessage(), token));
                removeHook(hook);
                return e.exitCode();
            } catch (RuntimeException e) {
                bot.stop();
                closeOps(ops);
                err.println("newsdesk: the bot failed to start: " + Secrets.describe(e, token));
                removeHook(hook);
                return 1;
            }
            schedule.start(c.fetch().checkEverySeconds());
            if (webhookUrl == null) {
                bot.startWatchdog(stallMs, Math.min(10_000, stallMs / 4), BotCommand::exitStalled);
            }
            err.println("Bot @" + username + " is running (" + (webhookUrl == null ? "long polling"
                    : "webhook on port " + bot.webhookPort()) + "). Stop with Ctrl-C.");
            stopped.await();
            schedule.close();
            closeOps(ops);
            return 0;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (SIGTERM during start-up): the hook runs
        }
    }

    private static void closeOps(OpsServer ops) {
        if (ops != null) {
            ops.close();
        }
    }

    /** The watchdog's way out: exit non-zero (shutdown hooks run; halt if they hang). */
    private static void exitStalled() {
        Thread exit = new Thread(() -> System.exit(EXIT_STALLED), "watchdog-exit");
        exit.start();
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(EXIT_STALLED);
        }, "watchdog-halt");
        halt.setDaemon(true);
        halt.start();
    }

    static OpsServer startOps(NewsdeskConfig c, App app, TelegramBot bot, long stallMs, PrintStream err) {
        Map<String, Supplier<OpsServer.Check>> checks = new LinkedHashMap<>();
        checks.put("index", () -> {
            try {
                return app.archive().exists() ? OpsServer.Check.ok(app.archive().passageCount() + " passages")
                        : OpsServer.Check.failed(app.chat().indexing() ? "being indexed" : "no index");
            } catch (org.newsdesk.index.ArchiveUnavailableException e) {
                return OpsServer.Check.failed("unavailable: " + e.getMessage()); // a SolrCloud shard without a live replica
            }
        });
        StateStore state = new StateStore(app.db());
        checks.put("database", () -> {
            try {
                state.put("ops.ready-probe", Long.toString(System.currentTimeMillis()));
                return OpsServer.Check.ok("writable");
            } catch (RuntimeException e) {
                return OpsServer.Check.failed("not writable: " + e.getMessage());
            }
        });
        checks.put("telegram", () -> {
            if (bot.webhookPort() > 0) {
                return OpsServer.Check.ok("webhook on port " + bot.webhookPort());
            }
            String waiting = bot.startupProblem();
            if (waiting != null && bot.webhookPort() <= 0 && !bot.pollerHealth().running()) {
                return OpsServer.Check.failed("starting: waiting for Telegram (" + waiting + ")");
            }
            TelegramBot.PollerHealth h = bot.pollerHealth();
            if (!h.running()) {
                return OpsServer.Check.failed("long polling is not running");
            }
            if (h.sinceProgressMs() > stallMs) {
                return OpsServer.Check.failed("long polling stalled for " + h.sinceProgressMs() / 1000 + " s");
            }
            return h.sinceSuccessMs() > stallMs
                    ? OpsServer.Check.failed("getUpdates has been failing for " + h.sinceSuccessMs() / 1000 + " s")
                    : !h.answered() ? OpsServer.Check.ok("long polling, waiting for Telegram's first reply ("
                            + h.sinceSuccessMs() / 1000 + " s)")
                    : OpsServer.Check.ok("long polling, last reply " + h.sinceSuccessMs() / 1000 + " s ago");
        });
        checks.put("queue", () -> OpsServer.Check.ok(bot.queueDepth() + " update(s) queued or running"));
        checks.put("outbox", () -> {
            TelegramBot.OutboxHealth o = bot.outboxHealth();
            String depth = o.depth() + " reply(ies) waiting, oldest " + o.oldestAgeMs() / 1000 + " s";
            // a reply older than the stall limit: Telegram has been refusing or unreachable that long
            return o.oldestAgeMs() > stallMs ? OpsServer.Check.failed("stuck: " + depth) : OpsServer.Check.ok(depth);
        });
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OpsMetrics.bindJvm(registry);
        org.newsdesk.telegram.TelegramMetrics.register();
        OpsMetrics.bindIndex(registry, app.archive(), app.index(), new IndexRunLog(app.db()), Clock.systemUTC());
        OpsMetrics.bindSources(registry, c.sources(), app.sources().store(), app.sync());
        io.micrometer.core.instrument.Gauge.builder("newsdesk.telegram.poller.progress.age", bot, b -> {
                    TelegramBot.PollerHealth h = b.pollerHealth();
                    return b.webhookPort() > 0 ? 0 : h.running() ? h.sinceProgressMs() / 1000.0 : Double.NaN;
                }).baseUnit("seconds")
                .description("Seconds since long polling last made progress (0 in webhook mode; NaN when not polling)")
                .register(registry);
        // registered at zero with the extractive composer too, so dashboards and alerts see one series
        LlmComposer llm = app.answers().composer() instanceof LlmComposer l ? l : null;
        FunctionCounter.builder("newsdesk.llm.calls", llm, l -> l == null ? 0 : l.calls())
                .description("Requests sent to the LLM (answers and follow-up rewrites)").register(registry);
        FunctionCounter.builder("newsdesk.llm.failures", llm, l -> l == null ? 0 : l.failures())
                .description("LLM requests that failed (the answer fell back to the extractive one)")
                .register(registry);
        try {
            return new OpsServer(c.ops().bind(), c.ops().port(), checks, registry);
        } catch (java.io.IOException e) {
            // the bot answers without it; say so loudly
            log.error("Ops endpoint not started: {}", e.getMessage());
            err.println("newsdesk: warning: ops endpoint not started: " + e.getMessage());
            return null;
        }
    }
}
