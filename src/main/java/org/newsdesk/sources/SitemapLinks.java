package org.newsdesk.sources;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The page links of a sitemap, read with crawler-commons: XML, plain text and gzip, and sitemap indexes, whose child
 * sitemaps are fetched with the same fetcher (so robots.txt, the size cap and the host delay hold for them too).
 */
final class SitemapLinks {
    /** Child sitemaps read per index at most, and nesting depth: an index cannot make a sync endless. */
    static final int MAX_CHILDREN = 50;
    static final int MAX_DEPTH = 2;

    private SitemapLinks() {
    }

    /** The links of the sitemap in {@code body} (fetched from {@code url}); child problems are added to {@code problems}. */
    static List<Link> parse(Fetcher fetcher, String url, String contentType, byte[] body, List<String> problems)
            throws FetchException {
        Map<String, Link> links = new LinkedHashMap<>();
        collect(fetcher, url, contentType, body, 0, links, problems);
        return new ArrayList<>(links.values());
    }

    private static void collect(Fetcher fetcher, String url, String contentType, byte[] body, int depth,
                                Map<String, Link> links, List<String> problems) throws FetchException {
        AbstractSiteMap map = read(url, contentType, body);
        if (map instanceof SiteMapIndex index) {
            if (depth >= MAX_DEPTH) {
                problems.add("sitemap index nested too deep at " + url);
                return;
            }
            int children = 0;
            for (AbstractSiteMap child : index.getSitemaps()) {
                if (children++ >= MAX_CHILDREN) {
                    problems.add("sitemap index " + url + " lists more than " + MAX_CHILDREN + " sitemaps; the rest wait");
                    break;
                }
                String childUrl = child.getUrl().toString();
                try {
                    FetchResponse r = fetcher.get(childUrl, Fetcher.SITEMAP_TYPES, null, null);
                    collect(fetcher, r.url(), Fetcher.mediaType(r.contentType()), r.body(), depth + 1, links, problems);
                } catch (FetchException e) {
                    problems.add("child sitemap: " + e.getMessage());
                }
            }
        } else if (map instanceof SiteMap sitemap) {
            for (SiteMapURL u : sitemap.getSiteMapUrls()) {
                String link = u.getUrl().toString();
                links.putIfAbsent(link, new Link(link, u.getLastModified() == null ? null : u.getLastModified().toInstant()));
            }
        }
    }

    private static AbstractSiteMap read(String url, String contentType, byte[] body) throws FetchException {
        String type = Fetcher.mediaType(contentType == null ? "" : contentType);
        // Servers often send .gz files as octet-stream: the file name decides then.
        if (!Set.of("application/gzip", "application/x-gzip").contains(type) && url.endsWith(".gz")) {
            type = "application/gzip";
        }
        try {
            // Not strict: news sites list article URLs outside the sitemap's own folder.
            return new SiteMapParser(false).parseSiteMap(type.isEmpty() ? "text/xml" : type, body, new URL(url));
        } catch (UnknownFormatException | IOException e) {
            throw new FetchException("malformed sitemap at " + url + ": " + FeedLinks.firstLine(e.getMessage()), false);
        } catch (RuntimeException e) {
            throw new FetchException("unreadable sitemap at " + url + ": " + e, false);
        }
    }
}
