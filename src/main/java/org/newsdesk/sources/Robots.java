package org.newsdesk.sources;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt per origin, read with crawler-commons and kept for a while. A missing robots.txt (4xx) allows
 * everything; one that cannot be fetched (5xx, timeout, network) disallows the whole host until it can be read again
 * (RFC 9309: treat an unreachable robots.txt as complete disallow).
 */
final class Robots {
    private static final long KEEP_MS = 6 * 3600_000L;
    private static final long KEEP_FAILURE_MS = 10 * 60_000L;
    private static final Set<String> TYPES = Set.of("text/plain", "application/octet-stream");

    /** Whether a URL may be fetched, and the delay the site asks for (ms, 0 when none). */
    interface Rules {
        Rules ALLOW_ALL = new Rules() {
            @Override
            public boolean allowed(String url) {
                return true;
            }

            @Override
            public long crawlDelayMs() {
                return 0;
            }
        };

        boolean allowed(String url);

        long crawlDelayMs();
    }

    private record Cached(Rules rules, long until, FetchException failure) {
    }

    private final Fetcher fetcher;
    private final String agentToken;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Robots(Fetcher fetcher, String userAgent) {
        this.fetcher = fetcher;
        // The product token ("NewsdeskBot" of "NewsdeskBot/0.1 (...)") is what robots.txt groups name.
        String token = userAgent.strip().split("[/\\s]", 2)[0];
        this.agentToken = token.toLowerCase(Locale.ROOT);
    }

    static String robotsUrl(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/robots.txt";
    }

    Rules rulesFor(URI uri) throws FetchException {
        String origin = robotsUrl(uri);
        long now = System.currentTimeMillis();
        Cached cached = cache.get(origin);
        if (cached != null && cached.until > now) {
            if (cached.failure != null) {
                throw cached.failure;
            }
            return cached.rules;
        }
        Rules rules;
        long keep = KEEP_MS;
        try {
            FetchResponse r = fetcher.get(origin, TYPES, null, null, false);
            BaseRobotRules parsed = new SimpleRobotRulesParser().parseContent(origin, r.body(),
                    r.contentType().isEmpty() ? "text/plain" : r.contentType(), List.of(agentToken));
            rules = wrap(parsed);
        } catch (FetchException e) {
            String msg = e.getMessage();
            if (!e.retryable() && msg.startsWith("HTTP 4")) {
                rules = Rules.ALLOW_ALL; // no robots.txt: everything is allowed
            } else if (!e.retryable() && msg.startsWith("unexpected content type")) {
                rules = Rules.ALLOW_ALL; // an HTML error page served as robots.txt: treat as none
            } else {
                FetchException failure = new FetchException("robots.txt unavailable (" + msg
                        + "), so the host is not fetched now", e.retryable(), e.retryAfter());
                cache.put(origin, new Cached(null, now + KEEP_FAILURE_MS, failure));
                throw failure;
            }
        }
        cache.put(origin, new Cached(rules, now + keep, null));
        return rules;
    }

    private static Rules wrap(BaseRobotRules parsed) {
        long delay = parsed.getCrawlDelay() == BaseRobotRules.UNSET_CRAWL_DELAY ? 0 : parsed.getCrawlDelay();
        return new Rules() {
            @Override
            public boolean allowed(String url) {
                return parsed.isAllowed(url);
            }

            @Override
            public long crawlDelayMs() {
                return delay;
            }
        };
    }
}
