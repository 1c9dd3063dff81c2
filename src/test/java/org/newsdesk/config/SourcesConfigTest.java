package org.newsdesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourcesConfigTest {
    @TempDir
    Path dir;

    private NewsdeskConfig load(String yaml) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader().load(f, Map.of());
    }

    @Test
    void theDefaultsFollowNoSourceAndFetchPolitely() {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of());
        assertThat(c.sources()).isEmpty();
        assertThat(c.fetch()).isEqualTo(NewsdeskConfig.Fetch.defaults());
        assertThat(c.fetch().allowPrivateAddresses()).isFalse();
        assertThat(c.fetch().userAgent()).startsWith("NewsdeskBot/");
    }

    @Test
    void aFeedInThreeLines() throws IOException {
        NewsdeskConfig c = load("""
                sources:
                  - {name: example, type: feed, url: "https://example.com/rss.xml", every: 30m}
                """);
        NewsdeskConfig.Source s = c.sources().get(0);
        assertThat(s.name()).isEqualTo("example");
        assertThat(s.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.prune()).isFalse();
        NewsdeskConfig.Source urls = load("""
                sources:
                  - name: picks
                    type: urls
                    urls: ["https://example.com/a", "https://example.com/b"]
                    prune: true
                fetch:
                  host-delay-ms: 2000
                """).sources().get(0);
        assertThat(urls.urls()).hasSize(2);
        assertThat(urls.interval()).isEqualTo(Duration.ofHours(1)); // the default interval
    }

    @Test
    void badSourcesAreNamedWithTheirKey() {
        assertThatThrownBy(() -> load("sources:\n  - {name: x, type: rss, url: 'https://e.com/'}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sources.x.type");
        assertThatThrownBy(() -> load("sources:\n  - {name: x, type: feed, url: 'ftp://e.com/'}\n"))
                .hasMessageContaining("sources.x.url must be an http or https URL");
        assertThatThrownBy(() -> load("sources:\n  - {name: x, type: feed, url: 'https://e.com/', every: often}\n"))
                .hasMessageContaining("sources.x.every");
        assertThatThrownBy(() -> load("sources:\n  - {name: x, type: feed, url: 'https://e.com/', every: 5s}\n"))
                .hasMessageContaining("sources.x.every (seconds) must be between 60");
        assertThatThrownBy(() -> load("sources:\n  - {name: x, type: feed, url: 'https://e.com/'}\n"
                + "  - {name: x, type: feed, url: 'https://e.com/2'}\n")).hasMessageContaining("used twice");
        assertThatThrownBy(() -> load("sources:\n  - {name: x, type: feed, url: 'https://e.com/', colour: red}\n"))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> load("sources:\n  - {name: 'Bad Name', type: feed, url: 'https://e.com/'}\n"))
                .hasMessageContaining("name must be");
        assertThatThrownBy(() -> load("sources:\n  - {name: added, type: feed, url: 'https://e.com/'}\n"))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> load("fetch:\n  max-redirects: 9\n")).hasMessageContaining("fetch.max-redirects");
        assertThatThrownBy(() -> load("fetch:\n  user-agent: ''\n")).hasMessageContaining("fetch.user-agent");
    }

    @Test
    void chatsNameKnownSourcesAndPrivateIsRead() throws IOException {
        NewsdeskConfig c = load("""
                sources:
                  - {name: desk-internal, type: folder, path: /srv/internal, private: true}
                  - {name: sport, type: feed, url: "https://example.com/sport.xml"}
                chats: {"-1001234": {sources: [desk-internal, sport]}, "42": {sources: [corpus]}}
                """);
        assertThat(c.sources().get(0).restricted()).isTrue();
        assertThat(c.sources().get(1).restricted()).isFalse();
        assertThat(c.chats().get("-1001234").sources()).containsExactly("desk-internal", "sport");
        assertThat(c.chats().get("42").sources()).containsExactly("corpus");
        assertThatThrownBy(() -> load("sources:\n  - {name: sport, type: feed, url: 'https://e.com/'}\n"
                + "chats: {\"-1001234\": {sources: [sport, desk]}}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("chats.-1001234.sources: unknown source 'desk' (known: added, corpus, sport)");
        assertThatThrownBy(() -> load("chats: {\"general\": {sources: [corpus]}}\n"))
                .hasMessageContaining("chats.general: a chat is named by its numeric id");
        assertThatThrownBy(() -> load("chats: {\"-1\": {sources: []}}\n"))
                .hasMessageContaining("chats.-1.sources must list at least one source name");
        assertThatThrownBy(() -> load("sources:\n  - {name: corpus, type: feed, url: 'https://e.com/'}\n"))
                .hasMessageContaining("reserved for the files of corpus-dir");
    }
}
