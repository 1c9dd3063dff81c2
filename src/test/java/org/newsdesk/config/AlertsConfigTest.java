package org.newsdesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void alertLimitsHaveDefaultsTakeTheFileAndTheEnvironment() throws IOException {
        NewsdeskConfig d = new ConfigLoader().load(null, Map.of());
        assertThat(d.alerts()).isEqualTo(new NewsdeskConfig.Alerts(20, 10));
        NewsdeskConfig f = new ConfigLoader().load(write("alerts:\n  max-topics: 5\n  max-per-day: 3\n"), Map.of());
        assertThat(f.alerts()).isEqualTo(new NewsdeskConfig.Alerts(5, 3));
        NewsdeskConfig e = new ConfigLoader().load(write("alerts:\n  max-topics: 5\n"),
                Map.of("NEWSDESK_ALERTS_MAX_PER_DAY", "0"));
        assertThat(e.alerts()).isEqualTo(new NewsdeskConfig.Alerts(5, 0));
    }

    @Test
    void malformedAlertLimitsAreOneClearLine() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-topics: 0\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-topics must be between 1 and 1000 (was 0)");
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-per-day: -1\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-per-day must be between 0 and 1000");
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-per-day: many\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-per-day").hasMessageContaining("many");
        assertThatThrownBy(() -> new ConfigLoader().load(write("alerts:\n  max-topic: 3\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.max-topic");
    }
}
