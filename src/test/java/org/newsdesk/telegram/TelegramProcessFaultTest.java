package org.newsdesk.telegram;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.store.Database;
import org.newsdesk.store.UpdateQueue;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite's process faults: the real main class ({@code newsdesk bot}) in a subprocess against
 * {@link FakeBotApi}, killed with SIGKILL (kill -9) or stopped with SIGTERM while updates are in flight, then
 * started again on the same data directory. Every update must be answered exactly once. The fake holds the bot's
 * sendMessage requests, so "in flight" is certain when the signal comes; held requests of a killed process are
 * dropped unrecorded (they never reached Telegram).
 */
@Tag("slow") // child JVMs
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TelegramProcessFaultTest {
    static final String TOKEN = TelegramBotTest.TOKEN;
    static final String SECRET = "fault-suite_Secret1";

    @TempDir
    Path tmp;
    @RegisterExtension
    final BotHarness harness = new BotHarness();
    final FakeBotApi api = harness.api;
    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
    }

    /** A data directory holding a copy of the shared seed index, so the subprocess needs no indexing. */
    Path dataDir() throws IOException {
        Path seedIndex = TestFixtures.seedApp().config().dataDir().resolve("index");
        Path data = tmp.resolve("data");
        try (Stream<Path> files = Files.walk(seedIndex)) {
            for (Path f : files.toList()) {
                Path to = data.resolve("index").resolve(seedIndex.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (!f.getFileName().toString().equals("write.lock")) {
                    Files.copy(f, to);
                }
            }
        }
        return data;
    }

    Process launch(Path data, String log, String... botArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.newsdesk.cli.Main",
                "--data-dir", data.toString(), "--corpus", TestFixtures.SEED_CORPUS.toAbsolutePath().toString(), "bot"));
        cmd.addAll(List.of(botArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile());
        Map<String, String> env = pb.environment();
        env.put("NEWSDESK_TELEGRAM_TOKEN", TOKEN);
        env.put("NEWSDESK_TELEGRAM_API_URL", api.url());
        env.put("NEWSDESK_TELEGRAM_WEBHOOK_SECRET", SECRET);
        env.put("NEWSDESK_LOG_LEVEL", "INFO"); // the tests follow the bot's progress in its log
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String output(String log) throws IOException {
        return Files.exists(tmp.resolve(log)) ? Files.readString(tmp.resolve(log)) : "";
    }

    static String update(int updateId, long chatId, int messageId, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + messageId + ",\"date\":1700000000,"
                + "\"chat\":{\"id\":" + chatId + ",\"type\":\"private\"},\"from\":{\"id\":" + chatId
                + ",\"is_bot\":false,\"first_name\":\"U\"},\"text\":\"" + text + "\"}}";
    }

    List<FakeBotApi.Call> sentTo(long chatId) {
        return api.calls("sendMessage").stream().filter(c -> c.chatId() == chatId).toList();
    }

    void awaitCalls(String method, int n, Process p, String log) throws Exception {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("the bot exited");
                        }
                        return api.calls(method).size() >= n;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("the bot did not call " + method + " (alive: " + p.isAlive() + "):\n" + output(log), e);
        }
    }

    @Test
    void webhookKilledWithQueuedUpdatesAnswersEachOnceAfterRestart() throws Exception {
        Path data = dataDir();
        int port = freePort();
        String[] args = {"--webhook", "https://bot.example.org/tg/hook", "--port", Integer.toString(port)};
        api.hold();
        Process first = launch(data, "first.log", args);
        awaitCalls("setWebhook", 1, first, "first.log");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI hook = URI.create("http://127.0.0.1:" + port + "/tg/hook");
        for (int i = 0; i < 8; i++) {
            HttpRequest post = HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(10))
                    .header(WebhookServer.SECRET_HEADER, SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(update(101 + i, 5001 + i, 10 + i, "/help"))).build();
            assertThat(http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
        api.awaitHeld(4, Duration.ofSeconds(60)); // four chats being answered at once, four queued
        first.destroyForcibly(); // kill -9
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        api.dropHeld();
        assertThat(api.calls("sendMessage")).as("nothing reached Telegram before the kill").isEmpty();

        Process second = launch(data, "second.log", args);
        awaitCalls("setWebhook", 2, second, "second.log");
        awaitCalls("sendMessage", 8, second, "second.log");
        org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).until(() -> api.calls("sendMessage").size() == 8);
        for (int i = 0; i < 8; i++) {
            assertThat(sentTo(5001 + i)).as("answers in chat %d", 5001 + i).hasSize(1)
                    .allSatisfy(c -> assertThat(c.text()).contains("For example"));
        }
        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (Database db = Database.open(data.resolve("newsdesk.db"))) {
            assertThat(new UpdateQueue(db).pendingCount()).isZero();
        }
        assertThat(output("second.log")).contains("Resuming 8 queued update(s)");
    }

    /** Rows in the outbox of the data directory (read while the bot may be running: WAL allows it). */
    static long outboxRows(Path data) {
        try (Database db = Database.open(data.resolve("newsdesk.db"))) {
            return new org.newsdesk.store.OutboxStore(db).count();
        }
    }

    @Test
    void killedWithRepliesInTheOutageOutboxSendsEachOnceAfterRestart() throws Exception {
        Path data = dataDir();
        api.hold();
        Process first = launch(data, "first.log");
        awaitCalls("getUpdates", 1, first, "first.log");
        int[][] asked = new int[3][2];
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < 3; c++) {
                asked[c][round] = api.text(7001 + c, 7001 + c, "/help");
            }
        }
        api.awaitHeld(3, Duration.ofSeconds(60)); // each chat's first reply on its way, the second staged behind it
        api.outage(true); // Telegram fails from here on; the requests on their way never arrive
        api.dropHeld();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> outboxRows(data) == 6);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.refusedInOutage("sendMessage") >= 3);
        first.destroyForcibly(); // kill -9 with six replies in the outbox
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        api.outage(false);
        assertThat(api.calls("sendMessage")).isEmpty();

        Process second = launch(data, "second.log");
        awaitCalls("sendMessage", 6, second, "second.log");
        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(api.calls("sendMessage")).hasSize(6);
        for (int c = 0; c < 3; c++) {
            assertThat(sentTo(7001 + c)).extracting(m -> ((Number) m.map("reply_parameters").get("message_id")).intValue())
                    .as("chat %d: each reply once, in order", 7001 + c).containsExactly(asked[c][0], asked[c][1]);
        }
        try (Database db = Database.open(data.resolve("newsdesk.db"))) {
            assertThat(new UpdateQueue(db).pendingCount()).isZero();
            assertThat(new org.newsdesk.store.OutboxStore(db).count()).isZero();
        }
        assertThat(output("second.log")).contains("Resuming 6 reply(ies)").contains("6 already answered");
    }

    @Test
    void sigtermFinishesUpdatesInFlightAndKeepsQueuedOnesForTheNextStart() throws Exception {
        Path data = dataDir();
        api.hold();
        Process first = launch(data, "first.log");
        awaitCalls("getUpdates", 1, first, "first.log");
        int a1 = api.text(6001, 6001, "/help");
        api.text(6002, 6002, "/help");
        api.text(6003, 6003, "/help");
        int a2 = api.text(6001, 6001, "/help"); // behind a1 in chat 6001's lane: not started at SIGTERM
        api.awaitHeld(3, Duration.ofSeconds(60));
        first.destroy(); // SIGTERM
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> output("first.log").contains("Stopping the bot"));
        api.release(); // the three in flight may now finish, within the grace period
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(first.exitValue()).as("SIGTERM after a clean drain: 128 + 15, as README's exit codes say")
                .isEqualTo(143);
        assertThat(sentTo(6002)).hasSize(1);
        assertThat(sentTo(6003)).hasSize(1);
        assertThat(sentTo(6001)).hasSize(1);
        try (Database db = Database.open(data.resolve("newsdesk.db"))) {
            UpdateQueue queue = new UpdateQueue(db);
            assertThat(queue.pendingCount()).as("the update not started stays queued").isEqualTo(1);
            assertThat(queue.offset().orElse(0)).isEqualTo(4);
        }

        Process second = launch(data, "second.log");
        awaitCalls("sendMessage", 4, second, "second.log");
        int polled = api.calls("getUpdates").size();
        // a few polls: nothing may come twice
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.calls("getUpdates").size() >= polled + 3);
        assertThat(sentTo(6001)).extracting(c -> ((Number) c.map("reply_parameters").get("message_id")).intValue())
                .containsExactly(a1, a2);
        assertThat(api.calls("sendMessage")).hasSize(4);
        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
