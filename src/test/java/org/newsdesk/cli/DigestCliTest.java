package org.newsdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Digests in the console: the same chat core as the bot. */
class DigestCliTest {
    @RegisterExtension
    final StdStreams std = new StdStreams();
    @TempDir
    Path tmp;

    @Test
    void theConsoleListsTheNewestArticlesOfAPeriod() throws Exception {
        // a copy of the shared seed data: the console writes to its database
        Path from = TestFixtures.seedApp().config().dataDir();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = tmp.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target);
                }
            }
        }
        String data = tmp.toString();
        System.setIn(new ByteArrayInputStream(("/latest May 2013\nWhat is the latest news in May 2013?\n"
                + "/latest Snowden in 2013\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("chat", "--data-dir", data, "--corpus", TestFixtures.SEED_CORPUS.toString())).isEqualTo(0);
        String out = std.out();
        assertThat(out).contains("Latest, May 2013 (").contains("John Kerry Arrives for Talks With Putin");
        assertThat(out.split("Latest, May 2013 \\(", -1)).hasSize(3); // the question is a digest too
        assertThat(out).contains("Latest on “Snowden”, 2013");
        assertThat(out).doesNotContain("Sources");
    }
}
