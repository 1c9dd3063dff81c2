package org.newsdesk.cli;

import org.newsdesk.app.App;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.chat.ChatMetrics;
import org.newsdesk.chat.ChatService;
import org.newsdesk.chat.IncomingMessage;
import org.newsdesk.chat.Outbox;
import org.newsdesk.chat.OutgoingMessage;
import org.newsdesk.ops.OpsServer;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.telegram.TelegramBot;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's view: a live /metrics scrape of the bot's ops endpoint has the JVM, process, index, source,
 * Telegram and answer series, each with HELP text, and every series the Grafana dashboard and the alert rules in
 * docs/ops/ name; the per-question log line has no question text unless asked for.
 */
@Timeout(120)
class OperationsDocsTest {
    private static final Pattern SERIES = Pattern.compile("\\b((?:newsdesk|jvm|process|system)_[a-z0-9_]+)");
    @TempDir
    Path tmp;

    @Test
    void everySeriesTheDashboardAndAlertsNameIsInALiveScrapeWithHelp() throws Exception {
        App seed = TestFixtures.seedApp();
        NewsdeskConfig c = seed.config().withOps(new NewsdeskConfig.Ops(0, "127.0.0.1", 180))
                .withSources(List.of(new NewsdeskConfig.Source("metro", "feed", "https://example.org/rss.xml",
                        null, null, "30m", false)), NewsdeskConfig.Fetch.defaults());
        TelegramBot bot = new TelegramBot(seed.chat(), seed.db(),
                new NewsdeskConfig.Telegram("1:x", "http://127.0.0.1:1", null), TelegramBot.Settings.defaults());
        try (OpsServer ops = BotCommand.startOps(c, seed, bot, 180_000, System.err)) {
            seed.chat().handle(IncomingMessage.privateText(4242, "Who is Masha Lipman?"), new NullOutbox());
            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ops.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Set<String> present = new TreeSet<>();
            for (String line : scrape.lines().toList()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    present.add(line.split("[{ ]", 2)[0]);
                }
            }
            // what issue 23 asks for, by series
            assertThat(present).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
                    "process_uptime_seconds", "process_files_open_files", "newsdesk_index_articles",
                    "newsdesk_index_passages", "newsdesk_index_generation", "newsdesk_index_last_success_age_seconds",
                    "newsdesk_source_last_success_seconds", "newsdesk_source_consecutive_failures",
                    "newsdesk_source_articles_added_total", "newsdesk_source_fetch_errors_total",
                    "newsdesk_telegram_updates_total", "newsdesk_telegram_handled_total",
                    "newsdesk_telegram_queue_depth", "newsdesk_telegram_errors_total",
                    "newsdesk_answer_latency_seconds_bucket", "newsdesk_abstentions_total", "newsdesk_answers_total",
                    "newsdesk_llm_calls_total", "newsdesk_llm_failures_total", "newsdesk_llm_fallbacks_total");
            assertThat(scrape).contains("newsdesk_telegram_errors_total{code=\"429\"} 0.0")
                    .contains("newsdesk_source_fetch_errors_total{kind=\"http_5xx\",source=\"metro\"} 0.0");
            // a few SLO buckets, not 66
            assertThat(scrape.lines().filter(l -> l.startsWith("newsdesk_answer_latency_seconds_bucket")))
                    .hasSizeBetween(5, 12);
            // HELP with a description on every series
            List<String> emptyHelp = scrape.lines().filter(l -> l.startsWith("# HELP "))
                    .filter(l -> l.split(" ", 4).length < 4 || l.split(" ", 4)[3].isBlank()).toList();
            assertThat(emptyHelp).isEmpty();
            Files.writeString(tmp.resolve("scrape.txt"), scrape);
            // its lint also names two of Micrometer's binder series (process_cpu_time_ns_total, system_cpu_count):
            // not ours to rename; none of ours may be named, and the text must parse
            String lint = promtool("promtool check metrics < " + tmp.resolve("scrape.txt"), "the scrape", true);
            assertThat(lint.lines().filter(l -> l.startsWith("newsdesk_") || l.contains("error"))).as(lint).isEmpty();
            promtool("promtool check rules docs/ops/prometheus-alerts.yml", "the alert rules", false);
            promtool("cd docs/ops && promtool test rules prometheus-alerts-test.yml", "the alerts' unit tests", false);
            for (String doc : List.of("docs/ops/grafana-dashboard.json", "docs/ops/prometheus-alerts.yml",
                    "docs/ops/prometheus-alerts-test.yml")) {
                Matcher m = SERIES.matcher(Files.readString(Path.of(doc)));
                Set<String> named = new TreeSet<>();
                while (m.find()) {
                    named.add(m.group(1));
                }
                assertThat(named).as(doc).isNotEmpty();
                assertThat(present).as(doc + " names series the bot does not export").containsAll(named);
            }
        } finally {
            bot.close();
        }
    }

    /**
     * Prometheus's own checker (Debian package prometheus) where it is installed: metric names and HELP of a scrape,
     * the rules' PromQL. Skipped without it, saying so; the series checks above run anyway.
     */
    private static String promtool(String command, String what, boolean lintOnly) throws Exception {
        boolean present = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "promtool")));
        if (!present) {
            System.err.println("promtool not installed: " + what + " not checked by it (apt-get install prometheus)");
            return "";
        }
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // check metrics exits 3 for lint findings (inspected by the caller), 1 for text it cannot parse
        assertThat(p.exitValue()).as(what + ": " + command + "\n" + out).isIn(lintOnly ? List.of(0, 3) : List.of(0));
        return out;
    }

    @Test
    void oneLogLinePerQuestionWithAHashedChatAndNoQuestionTextUnlessAskedFor() {
        App seed = TestFixtures.seedApp();
        Logger events = (Logger) LoggerFactory.getLogger("org.newsdesk.events.question");
        Level before = events.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        events.addAppender(lines);
        events.setLevel(Level.INFO);
        ChatService chat = seed.chat();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try {
            chat.setMetrics(new ChatMetrics(registry, false, "salt"));
            chat.handle(IncomingMessage.privateText(987654321, "Who is Masha Lipman?"), new NullOutbox());
            chat.setMetrics(new ChatMetrics(registry, true, "salt"));
            chat.handle(IncomingMessage.privateText(987654321, "Who is Masha Lipman?\nforged line"), new NullOutbox());
        } finally {
            chat.setMetrics(new ChatMetrics(io.micrometer.core.instrument.Metrics.globalRegistry, false, ""));
            events.detachAppender(lines);
            events.setLevel(before);
        }
        assertThat(lines.list).hasSize(2);
        String plain = lines.list.get(0).getFormattedMessage();
        assertThat(plain).matches("question chat=[0-9a-f]{12} ms=\\d+ composer=extractive abstained=(true|false).*"
                + " citations=\\d+").doesNotContain("Lipman").doesNotContain("987654321");
        String withText = lines.list.get(1).getFormattedMessage();
        assertThat(withText).contains("question=\"Who is Masha Lipman? forged line\"").doesNotContain("\n");
        assertThat(withText.substring(0, 26)).isEqualTo(plain.substring(0, 26)); // the same chat hashes alike
        assertThat(registry.get("newsdesk.questions").counter().count()).isEqualTo(2);
        assertThat(registry.get("newsdesk.answer.latency").timer().count()).isEqualTo(2);
    }

    private static final class NullOutbox implements Outbox {
        @Override
        public long send(OutgoingMessage message) {
            return 1;
        }

        @Override
        public void edit(long handle, OutgoingMessage message) {
        }
    }
}
