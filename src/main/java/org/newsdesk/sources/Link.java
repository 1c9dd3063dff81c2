package org.newsdesk.sources;

import java.time.Instant;

/**
 * An article URL found in a feed, a sitemap or a URL list.
 *
 * @param updated when the source says the article last changed, or null when it does not say
 */
public record Link(String url, Instant updated) {
}
