package org.newsdesk.sources;

import org.newsdesk.corpus.Article;
import org.newsdesk.corpus.CorpusException;
import org.newsdesk.corpus.HtmlArticleParser;
import org.newsdesk.store.SourceStateStore;
import org.newsdesk.store.SourceStateStore.WebArticle;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns one article link into an archived article: fetch (conditionally when known), extract with the corpus HTML
 * rules, deduplicate by canonical URL and by content hash, and write new or changed text to the {@link WebArchive}.
 */
final class PageIngest {
    /** What became of one link. */
    enum Kind { ADDED, UPDATED, UNCHANGED, DUPLICATE }

    record Outcome(Kind kind, String canonicalUrl, String title, String detail) {
    }

    private final Fetcher fetcher;
    private final SourceStateStore store;
    private final WebArchive archive;
    private final HtmlArticleParser parser = new HtmlArticleParser();
    private final Clock clock;

    PageIngest(Fetcher fetcher, SourceStateStore store, WebArchive archive, Clock clock) {
        this.fetcher = fetcher;
        this.store = store;
        this.archive = archive;
        this.clock = clock;
    }

    /** Whether {@code link} needs a fetch: new, or (when {@code recheck}, or the source dates it later) maybe changed. */
    boolean needsFetch(Link link, boolean recheck) {
        Optional<WebArticle> known = store.byLink(link.url());
        if (known.isEmpty()) {
            return true;
        }
        // The listing's own date for the link, compared with the one it gave last time: no clock skew involved.
        return recheck || (link.updated() != null && !link.updated().equals(known.get().listedDate()));
    }

    Outcome ingest(String source, Link link) throws FetchException {
        Optional<WebArticle> known = store.byLink(link.url());
        FetchResponse r = fetcher.get(link.url(), Fetcher.HTML_TYPES, known.map(WebArticle::etag).orElse(null),
                known.map(WebArticle::lastModified).orElse(null));
        if (r.notModified() && known.isPresent()) {
            WebArticle w = known.get();
            // Remember the listing's new date, or every sync would ask again.
            store.put(new WebArticle(w.canonicalUrl(), w.source(), w.linkUrl(), w.articleId(), w.file(), w.contentHash(),
                    r.etag(), r.lastModified(), clock.instant(), link.updated() != null ? link.updated() : w.listedDate()));
            return new Outcome(Kind.UNCHANGED, w.canonicalUrl(), null, "304");
        }
        if (r.notModified()) {
            throw new FetchException("HTTP 304 to an unconditional request from " + r.url(), false);
        }
        String html = new String(r.body(), charset(r.contentType(), r.body()));
        Article a;
        try {
            a = parser.parse("page", html, r.url());
        } catch (CorpusException e) {
            throw new FetchException("no article in " + r.url() + ": " + e.getMessage(), false);
        }
        String canonical = canonical(a.url(), r.url());
        Instant now = clock.instant();
        Optional<WebArticle> same = store.byCanonical(canonical);
        if (same.isPresent()) {
            WebArticle w = same.get();
            if (!w.source().equals(source)) {
                return new Outcome(Kind.DUPLICATE, canonical, a.title(), "already archived from source " + w.source());
            }
            if (w.contentHash().equals(a.contentHash())) {
                store.put(new WebArticle(canonical, source, link.url(), w.articleId(), w.file(), w.contentHash(),
                        r.etag(), r.lastModified(), now, link.updated()));
                return new Outcome(Kind.UNCHANGED, canonical, a.title(), "same text");
            }
            archive.write(source, w.articleId(), a, canonical);
            store.put(new WebArticle(canonical, source, link.url(), w.articleId(), w.file(), a.contentHash(),
                    r.etag(), r.lastModified(), now, link.updated()));
            return new Outcome(Kind.UPDATED, canonical, a.title(), null);
        }
        Optional<WebArticle> copy = store.byContentHash(a.contentHash());
        if (copy.isPresent()) {
            return new Outcome(Kind.DUPLICATE, canonical, a.title(), "same text as " + copy.get().canonicalUrl());
        }
        String id = WebArchive.articleId(canonical);
        String file = archive.write(source, id, a, canonical);
        store.put(new WebArticle(canonical, source, link.url(), id, file, a.contentHash(), r.etag(), r.lastModified(),
                now, link.updated()));
        return new Outcome(Kind.ADDED, canonical, a.title(), null);
    }

    /** The page's canonical link when it is an http(s) URL, else the URL fetched; never with a #fragment. */
    static String canonical(String declared, String fetched) {
        String chosen = fetched;
        if (declared != null) {
            try {
                URI uri = URI.create(declared.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    chosen = uri.toString();
                }
            } catch (IllegalArgumentException e) {
                // an unparsable canonical link is ignored: the fetched URL names the page
            }
        }
        int hash = chosen.indexOf('#');
        return hash < 0 ? chosen : chosen.substring(0, hash);
    }

    /** The charset of the Content-Type header, else of a {@code charset=} in the page's first 2 KB, else UTF-8. */
    static Charset charset(String contentType, byte[] body) {
        String declared = charsetName(contentType);
        if (declared == null) {
            declared = charsetName(new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1));
        }
        if (declared != null) {
            try {
                return Charset.forName(declared);
            } catch (IllegalArgumentException e) {
                // an unknown name: UTF-8 is the web's default
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The name after the first "charset=" (a header or a meta tag), or null; one linear scan. */
    private static String charsetName(String text) {
        int at = text.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return null;
        }
        int start = at + 8;
        while (start < text.length() && (text.charAt(start) == '"' || text.charAt(start) == '\'')) {
            start++;
        }
        int end = start;
        while (end < text.length() && end - start < 40 && (Character.isLetterOrDigit(text.charAt(end))
                || text.charAt(end) == '-' || text.charAt(end) == '_' || text.charAt(end) == ':' || text.charAt(end) == '.')) {
            end++;
        }
        return end > start ? text.substring(start, end) : null;
    }
}
