package org.newsdesk.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Fetched pages: metadata from a JSON-LD NewsArticle, and the furniture of live news sites left out. */
class WebPageParserTest {
    private final HtmlArticleParser parser = new HtmlArticleParser();

    static final String PAGE = """
            <html><head><title>Site title</title><link rel="canonical" href="/news/dam-opens">
            <script type="application/ld+json">{ not json </script>
            <script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":["NewsArticle"],
              "headline":"Dam opens after ten years","datePublished":"2026-10-04T06:00:00+02:00",
              "publisher":{"name":"Valley Post"},"author":"Ben Reporter"}]</script></head>
            <body><div class="cookie-notice">This site uses cookies. Accept</div>
            <div id="gdpr-consent">Manage your privacy choices</div>
            <main><p>The new dam opened on Saturday after ten years of building.</p>
            <section class="readmore"><p>Read more: Dams around the world</p></section>
            <aside>Most read</aside>
            <p>It holds water for three towns.</p></main></body></html>
            """;

    @Test
    void metadataComesFromJsonLdWhenThereIsNoOpenGraph() throws Exception {
        Article a = parser.parse("p", PAGE, "https://valley.example/x?ref=feed");
        assertThat(a.title()).isEqualTo("Dam opens after ten years");
        assertThat(a.source()).isEqualTo("Valley Post");
        assertThat(a.author()).isEqualTo("Ben Reporter");
        assertThat(a.published()).isEqualTo(LocalDate.of(2026, 10, 4));
        assertThat(a.url()).isEqualTo("https://valley.example/news/dam-opens"); // resolved against the page URL
        assertThat(a.body()).isEqualTo("The new dam opened on Saturday after ten years of building.\n\n"
                + "It holds water for three towns.");
    }

    @Test
    @Timeout(10)
    void hostileClassNamesAndJsonLdStayLinear() throws Exception {
        String longClass = "x".repeat(1_000_000) + "cookie";
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String html = "<html><head><title>T</title><script type=\"application/ld+json\">" + deep + "</script></head>"
                + "<body><article><div class=\"" + longClass + "\">banner</div><p>Body text here.</p></article></body></html>";
        Article a = parser.parse("h", html);
        assertThat(a.body()).isEqualTo("Body text here.");
    }
}
