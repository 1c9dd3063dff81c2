package org.newsdesk.sources;

import org.newsdesk.retry.Backoff;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.store.SourceStateStore;
import org.newsdesk.store.SourceStateStore.State;
import org.newsdesk.store.SourceStateStore.WebArticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The followed sources: which are due, one fetch pass over a source (never throwing: every fault becomes that
 * source's report and state), and single articles added by URL. Thread-safe for one caller at a time; the sync
 * service above serialises runs.
 */
public final class Sources {
    private static final Logger log = LoggerFactory.getLogger(Sources.class);
    /** The source name that articles added one by one with /add are filed under (not usable in the config). */
    public static final String ADDED = "added";

    private final NewsdeskConfig config;
    private final SourceStateStore store;
    private final WebArchive archive;
    private final Fetcher fetcher;
    private final PageIngest ingest;
    private final Clock clock;

    public Sources(NewsdeskConfig config, Database db, Clock clock) {
        this.config = config;
        this.store = new SourceStateStore(db);
        this.archive = new WebArchive(config.dataDir());
        this.fetcher = new Fetcher(config.fetch());
        this.clock = clock;
        this.ingest = new PageIngest(fetcher, store, archive, clock);
    }

    public List<NewsdeskConfig.Source> all() {
        return config.sources();
    }

    public SourceStateStore store() {
        return store;
    }

    /**
     * The folders the reindexer reads beside corpus-dir, by path prefix: the fetched articles, and each folder source
     * that is not corpus-dir itself.
     */
    public Map<String, Path> extraRoots() {
        Map<String, Path> roots = new LinkedHashMap<>();
        roots.put(WebArchive.PREFIX, archive.root());
        Path corpus = config.corpusDir().toAbsolutePath().normalize();
        for (NewsdeskConfig.Source s : config.sources()) {
            if (s.type().equals("folder")) {
                Path p = Path.of(s.path()).toAbsolutePath().normalize();
                if (!p.equals(corpus)) {
                    roots.put(".folders/" + s.name(), p);
                }
            }
        }
        return roots;
    }

    /** Due: never run, its interval passed, or (forced) any time, but never before a failed source's retry time. */
    public boolean due(NewsdeskConfig.Source s, boolean force) {
        State st = store.state(s.name());
        Instant now = clock.instant();
        if (st.nextRetry() != null) {
            return !now.isBefore(st.nextRetry());
        }
        return force || st.lastRun() == null || !now.isBefore(st.lastRun().plus(s.interval()));
    }

    /** Runs every due source in order, each reported to {@code progress} as it ends; one failure never stops the rest. */
    public List<SourceReport> syncDue(boolean force, Consumer<SourceReport> progress) {
        List<SourceReport> reports = new ArrayList<>();
        for (NewsdeskConfig.Source s : config.sources()) {
            SourceReport r;
            if (!due(s, force)) {
                State st = store.state(s.name());
                r = new SourceReport(s.name(), s.type(), "not due", 0, 0, 0, 0, 0, List.of(), null, st.nextRetry(), 0);
            } else {
                r = sync(s);
            }
            reports.add(r);
            progress.accept(r);
        }
        return reports;
    }

    /** One pass over one source now. Never throws: faults are reported and stored as the source's last error. */
    public SourceReport sync(NewsdeskConfig.Source s) {
        long t0 = System.nanoTime();
        State st = store.state(s.name());
        Instant now = clock.instant();
        try {
            Pass pass = switch (s.type()) {
                case "folder" -> new Pass(new SourceReport(s.name(), s.type(), "folder", 0, 0, 0, 0, 0, List.of(), null,
                        null, 0), null, null);
                case "urls" -> new Pass(ingestAll(s, s.urls().stream().map(u -> new Link(u, null)).toList(), true,
                        List.of(), t0).report(), null, null);
                default -> syncListing(s, st, t0);
            };
            SourceReport r = pass.report();
            String error = r.problems().isEmpty() ? null
                    : String.join("; ", r.problems().subList(0, Math.min(3, r.problems().size())));
            store.save(new State(s.name(), pass.etag(), pass.lastModified(), now, now, r.added(), r.updated(), error, 0,
                    null));
            return r;
        } catch (FetchException e) {
            int failures = st.failures() + 1;
            Instant retry = e.retryable() ? now.plus(backoff(failures, e.retryAfter())) : null;
            store.save(new State(s.name(), st.etag(), st.lastModified(), now, st.lastSuccess(), 0, 0, e.getMessage(),
                    failures, retry));
            // debug only: the report carries it (sync prints it, the bot's per-sync log line names it)
            log.debug("Source {} failed: {}", s.name(), e.getMessage());
            return new SourceReport(s.name(), s.type(), "failed", 0, 0, 0, 0, 0, List.of(), e.getMessage(), retry,
                    millis(t0));
        } catch (RuntimeException e) {
            // A bug or a full disk must not stop the other sources; the log keeps the stack trace.
            log.error("Source {} failed unexpectedly", s.name(), e);
            String msg = "internal error: " + e;
            store.save(new State(s.name(), st.etag(), st.lastModified(), now, st.lastSuccess(), 0, 0, msg,
                    st.failures() + 1, null));
            return new SourceReport(s.name(), s.type(), "failed", 0, 0, 0, 0, 0, List.of(), msg, null, millis(t0));
        }
    }

    /** What one pass gave: the report, and the listing's validators to send next time (null: read it whole). */
    private record Pass(SourceReport report, String etag, String lastModified) {
    }

    /** Items of a listing dealt with; {@code incomplete} when some must be tried again (passing fault, item limit). */
    private record Ingested(SourceReport report, boolean incomplete) {
    }

    private Pass syncListing(NewsdeskConfig.Source s, State st, long t0) throws FetchException {
        boolean feed = s.type().equals("feed");
        FetchResponse r = fetcher.get(s.url(), feed ? Fetcher.FEED_TYPES : Fetcher.SITEMAP_TYPES, st.etag(),
                st.lastModified());
        if (r.notModified()) {
            return new Pass(new SourceReport(s.name(), s.type(), "not modified", 0, 0, 0, 0, 0, List.of(), null, null,
                    millis(t0)), r.etag() != null ? r.etag() : st.etag(),
                    r.lastModified() != null ? r.lastModified() : st.lastModified());
        }
        List<String> problems = new ArrayList<>();
        List<Link> links = feed ? FeedLinks.parse(r.body(), r.url())
                : SitemapLinks.parse(fetcher, r.url(), r.contentType(), r.body(), problems);
        Ingested items = ingestAll(s, links, false, problems, t0);
        // Only a listing whose every item was dealt with is validated next time; otherwise the next sync reads it
        // whole again, so items that failed for a passing reason are tried again.
        return items.incomplete() ? new Pass(items.report(), null, null)
                : new Pass(items.report(), r.etag(), r.lastModified());
    }

    private Ingested ingestAll(NewsdeskConfig.Source s, List<Link> links, boolean recheck, List<String> listingProblems,
                               long t0) {
        List<String> problems = new ArrayList<>(listingProblems);
        boolean incomplete = false;
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        int duplicates = 0;
        int fetched = 0;
        int limit = config.fetch().maxItemsPerRun();
        for (Link link : links) {
            if (!ingest.needsFetch(link, recheck)) {
                unchanged++;
                continue;
            }
            if (fetched++ >= limit) {
                problems.add("more than " + limit + " new pages (fetch.max-items-per-run): the rest wait for the next sync");
                incomplete = true;
                break;
            }
            try {
                PageIngest.Outcome o = ingest.ingest(s.name(), link);
                switch (o.kind()) {
                    case ADDED -> added++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                    case DUPLICATE -> duplicates++;
                    default -> throw new IllegalStateException();
                }
            } catch (FetchException e) {
                problems.add(e.getMessage());
                incomplete |= e.retryable();
            }
        }
        int removed = 0;
        if (s.prune() && !s.type().equals("urls")) {
            Set<String> listed = new HashSet<>();
            links.forEach(l -> listed.add(l.url()));
            for (WebArticle w : store.bySource(s.name())) {
                if (!listed.contains(w.linkUrl())) {
                    archive.delete(w.file());
                    store.remove(w.canonicalUrl());
                    removed++;
                }
            }
        }
        return new Ingested(new SourceReport(s.name(), s.type(), "ok", added, updated, removed, unchanged, duplicates,
                problems, null, null, millis(t0)), incomplete);
    }

    /** Fetches one article page now and files it under {@link #ADDED}; the address rules always apply. */
    public String add(String url) throws FetchException {
        PageIngest.Outcome o = ingest.ingest(ADDED, new Link(url, null));
        return switch (o.kind()) {
            case ADDED -> "added \"" + o.title() + "\" (" + o.canonicalUrl() + ")";
            case UPDATED -> "updated \"" + o.title() + "\" (" + o.canonicalUrl() + ")";
            case UNCHANGED -> "already in the archive, unchanged: " + o.canonicalUrl();
            case DUPLICATE -> "not added: " + o.detail();
        };
    }

    /** Backoff after {@code failures} failures in a row: doubling from the base, capped; a longer Retry-After wins. */
    Duration backoff(int failures, Duration retryAfter) {
        Duration max = Duration.ofSeconds(config.fetch().retryMaxSeconds());
        Duration first = Duration.ofSeconds(config.fetch().retryBaseSeconds());
        // Sources failing together (one host behind several) are spread over a fifth of the pause.
        long seconds = new Backoff(first.compareTo(max) > 0 ? max : first, max, 0.2).delay(failures - 1).toSeconds();
        if (retryAfter != null && retryAfter.toSeconds() > seconds) {
            // A server's wish is honoured, up to a week: a broken header cannot park a source for ever.
            seconds = Math.min(retryAfter.toSeconds(), 7 * 86_400L);
        }
        return Duration.ofSeconds(seconds);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
