package org.newsdesk.sources;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The article links of an RSS (0.9x, 1.0, 2.0) or Atom feed, read with Rome. */
final class FeedLinks {
    private FeedLinks() {
    }

    /** Links in feed order, each once; relative links are resolved against the feed's URL. */
    static List<Link> parse(byte[] body, String feedUrl) throws FetchException {
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), true)) {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false); // no DTDs: no external entities from a feed
            feed = input.build(reader);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FetchException("malformed feed at " + feedUrl + ": " + firstLine(e.getMessage()), false);
        } catch (IOException e) {
            throw new FetchException("unreadable feed at " + feedUrl + ": " + firstLine(e.getMessage()), false);
        }
        Map<String, Link> links = new LinkedHashMap<>();
        for (SyndEntry entry : feed.getEntries()) {
            String href = entry.getLink();
            if ((href == null || href.isBlank()) && entry.getLinks() != null && !entry.getLinks().isEmpty()) {
                href = entry.getLinks().get(0).getHref();
            }
            if ((href == null || href.isBlank()) && entry.getUri() != null && entry.getUri().startsWith("http")) {
                href = entry.getUri();
            }
            if (href == null || href.isBlank()) {
                continue;
            }
            String url;
            try {
                url = URI.create(feedUrl).resolve(href.strip()).toString();
            } catch (IllegalArgumentException e) {
                continue; // one bad link does not spoil the feed
            }
            Date updated = entry.getUpdatedDate() != null ? entry.getUpdatedDate() : entry.getPublishedDate();
            links.putIfAbsent(url, new Link(url, updated == null ? null : updated.toInstant()));
        }
        return new ArrayList<>(links.values());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
