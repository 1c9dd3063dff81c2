package org.newsdesk.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PageIngestTest {
    @Test
    void charsetFromTheHeaderElseTheMetaTagElseUtf8() {
        byte[] latin = "<html><head><meta charset=\"windows-1252\"></head><body>Caf\u00e9</body></html>"
                .getBytes(Charset.forName("windows-1252"));
        assertThat(PageIngest.charset("text/html", latin)).isEqualTo(Charset.forName("windows-1252"));
        assertThat(new String(latin, PageIngest.charset("text/html", latin))).contains("Café");
        assertThat(PageIngest.charset("text/html; charset=ISO-8859-1", latin)).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(PageIngest.charset("text/html", "<p>none</p>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(PageIngest.charset("text/html; charset=no-such-set", new byte[0])).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(10)
    void hostileCharsetTextStaysLinear() {
        byte[] junk = ("charset=" + "a".repeat(1_000_000)).getBytes(StandardCharsets.US_ASCII);
        assertThat(PageIngest.charset("text/html", junk)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void canonicalPrefersAnHttpCanonicalLinkWithoutFragment() {
        assertThat(PageIngest.canonical("https://site.example/a#top", "https://site.example/a?utm=x"))
                .isEqualTo("https://site.example/a");
        assertThat(PageIngest.canonical("javascript:alert(1)", "https://site.example/b")).isEqualTo("https://site.example/b");
        assertThat(PageIngest.canonical(null, "https://site.example/c#x")).isEqualTo("https://site.example/c");
    }
}
