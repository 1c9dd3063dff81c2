package org.newsdesk.telegram;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    static final String TOKEN = "123456:ABC-def_ghiJKLmnop";

    @Test
    void redactsTheTokenInAllItsForms() {
        assertThat(Secrets.redact("POST https://api.telegram.org/bot" + TOKEN + "/sendMessage failed", TOKEN))
                .isEqualTo("POST https://api.telegram.org/bot<redacted>/sendMessage failed");
        assertThat(Secrets.redact("url=/bot123456%3AABC-def_ghiJKLmnop/getMe", TOKEN)).doesNotContain("ABC-def");
        assertThat(Secrets.redact("secret ABC-def_ghiJKLmnop alone", TOKEN)).isEqualTo("secret <redacted> alone");
        assertThat(Secrets.redact(null, TOKEN)).isNull();
        assertThat(Secrets.redact("nothing here", "")).isEqualTo("nothing here");
    }

    @Test
    void describesCausesRedacted() {
        Exception e = new RuntimeException("outer /bot" + TOKEN + "/x",
                new IllegalStateException("inner " + TOKEN));
        assertThat(Secrets.describe(e, TOKEN)).contains("RuntimeException").contains("IllegalStateException")
                .doesNotContain(TOKEN).doesNotContain("ABC-def");
    }
}
