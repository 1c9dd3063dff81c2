package org.newsdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, item 6, from the command line: `index --full` refuses to empty the index; --allow-shrink overrides. */
class IndexShrinkCliTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final StdStreams std = new StdStreams();

    @Test
    void aFullRebuildOfAnUnreadableCorpusExitsOneUnlessAllowed() throws Exception {
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        String data = tmp.resolve("data").toString();
        assertThat(Main.run("index", "--data-dir", data, "--corpus", corpus.toString())).isEqualTo(0);
        try (var files = Files.list(corpus)) {
            for (Path f : files.toList()) {
                Files.write(f, new byte[] {0, (byte) 0xFF});
            }
        }
        std.resetErr();
        assertThat(Main.run("index", "--full", "--data-dir", data, "--corpus", corpus.toString())).isEqualTo(1);
        assertThat(std.err()).contains("reindex refused: the new index would hold no passage at all")
                .contains("run the same `newsdesk index` with --allow-shrink").doesNotContain("--full --allow-shrink");
        assertThat(Main.run("ask", "--data-dir", data, "Why did Obama cancel his trip to Moscow?")).isEqualTo(0);
        assertThat(std.out()).contains("[1]");
        assertThat(Main.run("index", "--full", "--allow-shrink", "--data-dir", data, "--corpus", corpus.toString()))
                .isEqualTo(0);
        assertThat(std.out()).contains("Index: 0 articles, 0 passages");
    }
}
