package org.newsdesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.app.App;
import org.newsdesk.backend.solr.SolrArchive;
import org.newsdesk.backend.solr.SolrCollectionStore;
import org.newsdesk.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SolrCloud settings without a cluster: defaults, validation, credentials only from the environment. */
class SolrConfigTest {
    @TempDir
    Path dir;

    @Test
    void theEmbeddedLuceneBackendIsTheDefault() {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of());
        assertThat(c.search().backend()).isEqualTo("lucene");
        assertThat(c.solr().collection()).isEqualTo("newsdesk");
        assertThat(c.solr().shards()).isEqualTo(2);
        assertThat(c.solr().replicas()).isEqualTo(2);
        assertThat(c.solr().hasCredentials()).isFalse();
    }

    @Test
    void credentialsComeFromTheEnvironmentAndAreNeverShown() {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of("NEWSDESK_SEARCH_BACKEND", "solr",
                "NEWSDESK_SOLR_USERNAME", "reader", "NEWSDESK_SOLR_PASSWORD", "s3cr3t-pw"));
        assertThat(c.solr().username()).isEqualTo("reader");
        assertThat(c.solr().password()).isEqualTo("s3cr3t-pw");
        assertThat(c.solr().toString()).doesNotContain("s3cr3t-pw").doesNotContain("reader").contains("<redacted>");
        assertThat(c.toString()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void credentialsInAConfigFileAreRefused() throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "solr:\n  password: s3cr3t-pw\n");
        assertThatThrownBy(() -> new ConfigLoader().load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("solr.password must not be in a file")
                .hasMessageContaining("NEWSDESK_SOLR_PASSWORD")
                .hasMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_SEARCH_BACKEND", "elastic")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("NEWSDESK_SEARCH_BACKEND: search.backend");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_SOLR_SHARDS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("NEWSDESK_SOLR_SHARDS: solr.shards");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_SOLR_COLLECTION", "a b")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("NEWSDESK_SOLR_COLLECTION: solr.collection");
        assertThatThrownBy(() -> new ConfigLoader().load(null, Map.of("NEWSDESK_SOLR_USERNAME", "only-user")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NEWSDESK_SOLR_PASSWORD");
    }

    @Test
    void solrBackendWithoutAClusterStopsStartUpNamingTheSetting() {
        NewsdeskConfig c = new ConfigLoader().load(null, Map.of("NEWSDESK_SEARCH_BACKEND", "solr",
                "NEWSDESK_DATA_DIR", dir.resolve("data").toString()));
        assertThatThrownBy(() -> new App(c, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("solr.zk-hosts (or solr.urls)");
        try (Database db = Database.inMemory()) {
            assertThatThrownBy(() -> SolrArchive.connect(c.solr(), new SolrCollectionStore(db), Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class);
        }
    }
}
