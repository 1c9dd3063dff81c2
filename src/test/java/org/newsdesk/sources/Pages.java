package org.newsdesk.sources;

import java.util.List;

/** Article pages, feeds and sitemaps as news sites serve them, boilerplate included. */
final class Pages {
    private Pages() {
    }

    /**
     * An article page: navigation, a cookie banner, a share bar and a "read more" block around the text; title,
     * outlet and date only in a JSON-LD NewsArticle (no Open Graph), and a canonical link.
     */
    static String article(String title, String outlet, String date, String canonical, List<String> paragraphs) {
        StringBuilder p = new StringBuilder();
        for (String para : paragraphs) {
            p.append("<p>").append(para).append("</p>\n");
        }
        return """
                <!doctype html><html><head><title>%1$s | %2$s</title>
                <link rel="canonical" href="%4$s">
                <script type="application/ld+json">
                {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"ignored"},
                 {"@type":"NewsArticle","headline":"%1$s","datePublished":"%3$sT08:30:00Z",
                  "publisher":{"@type":"Organization","name":"%2$s"},"author":[{"@type":"Person","name":"Ann Writer"}]}]}
                </script></head>
                <body>
                <nav><a href="/">Home</a> <a href="/world">World</a> Navigation menu</nav>
                <div id="cookie-consent" class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
                <article>
                <h1>%1$s</h1>
                <div class="share-buttons"><a>Share on Facebook</a> <a>Tweet this story</a></div>
                %5$s
                <div class="read-more"><h3>Read more</h3><ul><li><a href="/other">Another story entirely about markets</a></li></ul></div>
                <p>Share</p>
                </article>
                <footer>Copyright 2026 %2$s. All rights reserved.</footer>
                </body></html>
                """.formatted(title, outlet, date, canonical, p);
    }

    static String rss(String title, List<String[]> items) {
        StringBuilder sb = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>%s</title><link>http://example.org/</link><description>news</description>
                """.formatted(title));
        for (String[] item : items) {
            sb.append("<item><title>").append(item[0]).append("</title><link>").append(item[1])
                    .append("</link><pubDate>").append(item[2]).append("</pubDate></item>\n");
        }
        return sb.append("</channel></rss>\n").toString();
    }

    static String atom(String title, List<String[]> entries) {
        StringBuilder sb = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><id>urn:example:atom</id>
                <updated>2026-11-30T10:00:00Z</updated>
                """.formatted(title));
        for (String[] e : entries) {
            sb.append("<entry><title>").append(e[0]).append("</title><link href=\"").append(e[1])
                    .append("\"/><id>").append(e[1]).append("</id><updated>").append(e[2]).append("</updated></entry>\n");
        }
        return sb.append("</feed>\n").toString();
    }

    static String sitemap(List<String> urls) {
        StringBuilder sb = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                """);
        for (String u : urls) {
            sb.append("<url><loc>").append(u).append("</loc><lastmod>2026-11-29</lastmod></url>\n");
        }
        return sb.append("</urlset>\n").toString();
    }

    static String sitemapIndex(List<String> sitemaps) {
        StringBuilder sb = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                """);
        for (String u : sitemaps) {
            sb.append("<sitemap><loc>").append(u).append("</loc></sitemap>\n");
        }
        return sb.append("</sitemapindex>\n").toString();
    }
}
