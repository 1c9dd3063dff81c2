package org.newsdesk.chat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.ReindexListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, item 6: an admin's /reindex that would empty the index says it was refused, and why. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChatReindexRefusalTest {
    @TempDir
    Path tmp;

    @Test
    void aRefusedReindexIsReportedInTheChat() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        try (App app = TestFixtures.app(TestFixtures.config(tmp.resolve("data"), corpus))) {
            app.reindex().run(false, ReindexListener.NONE);
            String live = app.index().generation().orElseThrow();
            try (var files = Files.list(corpus)) {
                for (Path f : files.toList()) {
                    Files.write(f, new byte[] {(byte) 0xC3, 0x28});
                }
            }
            NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(List.of(1L), 4000, 0, 0, List.of(), List.of());
            ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (ChatService chat = new ChatService(app.answers(), app.index(), app.reindex(), settings, app.db(),
                    Clock.systemUTC())) {
                chat.setMetrics(new ChatMetrics(registry, false, ""));
                chat.handle(new IncomingMessage(1, 1, ChatType.PRIVATE, "/reindex full", 5, false), out);
                await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                    synchronized (out) {
                        return out.edits.stream().anyMatch(m -> m.text().startsWith("Reindex f"));
                    }
                });
                // The run's duration goes to the chat's registry, not to a process-wide one (issue 26).
                await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> registry.timer("newsdesk.reindex.duration").count() == 1);
            }
            assertThat(out.edits).extracting(OutgoingMessage::text).filteredOn(t -> t.startsWith("Reindex f"))
                    .singleElement().satisfies(t -> assertThat(t)
                            .contains("reindex refused: the new index would hold no passage at all")
                            .contains("5 skipped")
                            .contains("keeps answering questions"));
            assertThat(app.index().generation()).contains(live);
        }
    }
}
