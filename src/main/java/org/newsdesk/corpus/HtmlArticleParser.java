package org.newsdesk.corpus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads one article from a saved or fetched HTML page, preferring the page's own metadata (Open Graph, meta tags,
 * a JSON-LD NewsArticle).
 */
public final class HtmlArticleParser {
    /** Page furniture inside or around the article, and the headline (it is the title); never body text. */
    private static final String FURNITURE = "script, style, noscript, template, iframe, svg, nav, header, footer, aside, form, h1";
    /** class/id words of share bars, comment threads, related links, sign-up boxes and ads ("commentary" is content). */
    private static final Pattern FURNITURE_NAME =
            Pattern.compile("share|sharing|comment(?!ary)|related|newsletter|subscri|advert|cookie|consent|gdpr"
                    + "|read-?more|recommend|more-stories|promo");
    private static final String BLOCKS = "p, h2, h3, h4, h5, h6, li";

    /** Parses a page; relative links (the canonical URL) stay as written. */
    public Article parse(String id, String html) throws CorpusException {
        return parse(id, html, "");
    }

    /** Parses a page fetched from {@code baseUrl}: a relative canonical link is resolved against it. */
    public Article parse(String id, String html, String baseUrl) throws CorpusException {
        Document doc = Jsoup.parse(html, baseUrl == null ? "" : baseUrl);
        JsonLdArticle ld = JsonLdArticle.find(doc);
        String title = firstNonBlank(
                meta(doc, "meta[property=og:title]"),
                ld.headline(),
                doc.title(),
                textOf(doc.selectFirst("h1")));
        if (title == null) {
            throw new CorpusException("no title (no og:title, <title> or <h1>)");
        }
        String url = firstNonBlank(
                doc.select("link[rel=canonical]").attr("abs:href"),
                doc.select("link[rel=canonical]").attr("href"),
                meta(doc, "meta[property=og:url]"),
                ld.url());
        String source = firstNonBlank(meta(doc, "meta[property=og:site_name]"), ld.publisher(), Text.hostOf(url));
        String author = firstNonBlank(
                meta(doc, "meta[name=author]"),
                notUrl(meta(doc, "meta[property=article:author]")),
                ld.author());
        LocalDate published = firstDate(
                meta(doc, "meta[property=article:published_time]"),
                ld.datePublished(),
                meta(doc, "meta[name=date], meta[name=pubdate], meta[itemprop=datePublished]"),
                doc.select("time[datetime]").attr("datetime"));

        String body = String.join("\n\n", paragraphs(articleElement(doc)));
        if (body.isEmpty()) {
            throw new CorpusException("no article text in the page");
        }
        return new Article(id, title, source, author, url, published, body, Hashes.articleHash(title, body));
    }

    /** The element holding the article: {@code <article>}, else {@code <main>}, else the whole body. */
    private static Element articleElement(Document doc) {
        Element content = doc.selectFirst("article");
        if (content == null) {
            content = doc.selectFirst("main");
        }
        if (content == null) {
            content = doc.body();
        }
        content.select(FURNITURE).remove();
        // Only descendants: a container named e.g. "post has-comments" still holds the article.
        for (Element e : content.select("[class], [id]")) {
            if (e != content && isFurniture(e)) {
                e.remove();
            }
        }
        return content;
    }

    private static boolean isFurniture(Element e) {
        String names = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
        return FURNITURE_NAME.matcher(names).find();
    }

    /** Text of the paragraph-like blocks; a block holding other blocks (li > p) yields them instead. */
    private static List<String> paragraphs(Element content) {
        List<String> paragraphs = new ArrayList<>();
        for (Element block : content.select(BLOCKS)) {
            boolean hasInnerBlock = block.select(BLOCKS).size() > 1;
            String text = Text.normalizeSpace(block.text());
            if (!hasInnerBlock && !text.isEmpty() && !Boilerplate.isBoilerplate(text)) {
                paragraphs.add(text);
            }
        }
        if (paragraphs.isEmpty()) {
            // Pages without <p> markup: keep the container's text as one paragraph.
            String text = Text.normalizeSpace(content.text());
            if (!text.isEmpty()) {
                paragraphs.add(text);
            }
        }
        return paragraphs;
    }

    private static String meta(Document doc, String cssQuery) {
        Element found = doc.selectFirst(cssQuery);
        return found == null ? null : found.attr("content");
    }

    private static String textOf(Element e) {
        return e == null ? null : e.text();
    }

    /** article:author is often a profile URL rather than a name. */
    private static String notUrl(String value) {
        return value != null && value.startsWith("http") ? null : value;
    }

    private static LocalDate firstDate(String... candidates) {
        for (String candidate : candidates) {
            LocalDate date = Dates.parse(candidate);
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            String text = Text.blankToNull(value);
            if (text != null) {
                return text;
            }
        }
        return null;
    }
}
