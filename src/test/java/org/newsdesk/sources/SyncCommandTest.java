package org.newsdesk.sources;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;
import org.newsdesk.cli.Main;
import org.newsdesk.testkit.LocalServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code newsdesk sync} end to end: a config file with a feed, one line per source, the index updated. */
@Timeout(180)
class SyncCommandTest {
    @RegisterExtension
    final StdStreams std = new StdStreams();
    @LocalServer
    static NewsServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server.resource("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        server.resource("/n/rail", "text/html", Pages.article("Rail link approved", "Metro Daily", "2026-11-25",
                server.url("/n/rail"), List.of("The regional rail link to the airport was approved by parliament.",
                        "Trains should run from 2029.")));
        server.resource("/rss.xml", "application/rss+xml", Pages.rss("Metro Daily", List.<String[]>of(
                new String[] {"Rail", server.url("/n/rail"), "Wed, 25 Nov 2026 08:00:00 GMT"})));
        server.status("/gone.xml", 404, java.util.Map.of());
    }

    @Test
    void syncFetchesDueSourcesReportsEachAndUpdatesTheIndex() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        Files.copy(TestFixtures.SEED_CORPUS.resolve("003_b277b3c73f6e4e2e.txt"), corpus.resolve("003.txt"));
        Path config = tmp.resolve("newsdesk.yaml");
        Files.writeString(config, """
                sources:
                  - {name: metro, type: feed, url: "%s", every: 30m}
                  - {name: gone, type: feed, url: "%s"}
                fetch:
                  allow-private-addresses: true
                  host-delay-ms: 0
                """.formatted(server.url("/rss.xml"), server.url("/gone.xml")));
        ch.qos.logback.classic.Logger events = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("org.newsdesk.events.sync");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        events.addAppender(lines);
        events.setLevel(ch.qos.logback.classic.Level.INFO); // as the bot sets it
        int code;
        try {
            code = Main.run("--config", config.toString(), "--data-dir", tmp.resolve("data").toString(), "--corpus",
                    corpus.toString(), "sync");
        } finally {
            events.detachAppender(lines);
            events.setLevel(null);
        }
        assertThat(code).isZero();
        // one INFO line per sync for the operator's log
        assertThat(lines.list).singleElement().extracting(e -> e.getFormattedMessage()).asString()
                .startsWith("sync sources_run=2 added=1 updated=0 failed=1 failing=[gone (HTTP 404")
                .contains("index=updated");
        assertThat(std.out()).contains("metro (feed): ok, 1 added").contains("gone (feed): failed: HTTP 404")
                .contains("Full rebuild (no index yet): 2 added");
        // sync 2>&1: each source once (it used to print every line twice and a failure three times)
        String both = std.out() + std.err();
        assertThat(both.split("metro \\(feed\\): ok", -1)).hasSize(2);
        assertThat(both.split("gone \\(feed\\): failed", -1)).hasSize(2);
        // Nothing is due a moment later: no request, index unchanged.
        long feedRequests = server.count("/rss.xml");
        assertThat(Main.run("--config", config.toString(), "--data-dir", tmp.resolve("data").toString(), "--corpus",
                corpus.toString(), "sync")).isZero();
        assertThat(std.out()).contains("metro (feed): not due").contains("Index unchanged");
        assertThat(server.count("/rss.xml")).isEqualTo(feedRequests);
    }

    @Test
    void syncExitsOneWhenEverySourceThatRanFailed() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus3"));
        Files.copy(TestFixtures.SEED_CORPUS.resolve("003_b277b3c73f6e4e2e.txt"), corpus.resolve("003.txt"));
        Path config = tmp.resolve("down.yaml");
        Files.writeString(config, """
                sources:
                  - {name: gone, type: feed, url: "%s"}
                fetch:
                  allow-private-addresses: true
                  host-delay-ms: 0
                """.formatted(server.url("/gone.xml")));
        int code = Main.run("--config", config.toString(), "--data-dir", tmp.resolve("data3").toString(), "--corpus",
                corpus.toString(), "sync");
        assertThat(code).isEqualTo(1);
        assertThat(std.out()).contains("gone (feed): failed: HTTP 404");
        assertThat(std.err()).contains("every source that was due failed");
    }

    @Test
    void aFolderSourceIsReadInPlaceBesideTheCorpusAndWorksOffline() throws Exception {
        Path corpus = Files.createDirectories(tmp.resolve("corpus2"));
        Path more = Files.createDirectories(tmp.resolve("more-articles"));
        Files.copy(TestFixtures.SEED_CORPUS.resolve("003_b277b3c73f6e4e2e.txt"), corpus.resolve("003.txt"));
        Files.copy(TestFixtures.SEED_CORPUS.resolve("004_6a792777fe64eb82.txt"), more.resolve("004.txt"));
        Path config = tmp.resolve("folder.yaml");
        Files.writeString(config, """
                sources:
                  - {name: more, type: folder, path: "%s", every: 1d}
                """.formatted(more.toString().replace("\\", "/")));
        String data = tmp.resolve("data2").toString();
        assertThat(Main.run("--config", config.toString(), "--data-dir", data, "--corpus", corpus.toString(), "sync"))
                .isZero();
        assertThat(std.out()).contains("more (folder): folder").contains("2 added");
        // `index` reads the folder source too: nothing changed, so nothing is added or removed.
        assertThat(Main.run("--config", config.toString(), "--data-dir", data, "--corpus", corpus.toString(), "index"))
                .isZero();
        assertThat(std.out()).contains("0 added, 0 updated, 0 removed, 2 unchanged");
    }
}
