package org.newsdesk.sources;

import org.newsdesk.config.NewsdeskConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one URL the way a polite crawler does: names itself in the User-Agent, obeys robots.txt, keeps a delay
 * between requests to one host, sends the validators it has (If-None-Match / If-Modified-Since), gives up on a slow
 * connect or a response not complete within the timeout, stops reading a body over the size cap, checks the content
 * type before reading, and follows at most {@code max-redirects} redirects itself, checking each target's scheme,
 * address and robots.txt again. It never retries: a failure is reported and the caller tries again on a later sync.
 */
public final class Fetcher {
    /** Feeds: RSS, Atom and the generic XML types servers send them with. */
    public static final Set<String> FEED_TYPES = Set.of("application/rss+xml", "application/atom+xml",
            "application/xml", "text/xml", "application/rdf+xml", "application/x-rss+xml");
    /** Sitemaps: XML, plain-text URL lists, and gzip. */
    public static final Set<String> SITEMAP_TYPES = Set.of("application/xml", "text/xml", "text/plain",
            "application/gzip", "application/x-gzip", "application/octet-stream");
    public static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final NewsdeskConfig.Fetch settings;
    private final HttpClient client;
    private final AddressPolicy addresses;
    private final Robots robots;
    private final HostPacer pacer;

    public Fetcher(NewsdeskConfig.Fetch settings) {
        this.settings = settings;
        // Redirects are followed here, not by the client: each hop is counted and checked again.
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(settings.connectTimeoutSeconds()))
                .build();
        this.addresses = new AddressPolicy(settings.allowPrivateAddresses());
        this.robots = new Robots(this, settings.userAgent());
        this.pacer = new HostPacer(settings.hostDelayMs());
    }

    public NewsdeskConfig.Fetch settings() {
        return settings;
    }

    /**
     * GETs {@code url}, accepting a body whose media type is one of {@code types}. {@code etag} and
     * {@code lastModified} (either may be null) make the request conditional: an unchanged resource comes back as
     * a 304 {@link FetchResponse#notModified()} without a body.
     */
    public FetchResponse get(String url, Set<String> types, String etag, String lastModified) throws FetchException {
        return get(url, types, etag, lastModified, true);
    }

    /** {@code obeyRobots} is false only for robots.txt itself. */
    FetchResponse get(String url, Set<String> types, String etag, String lastModified, boolean obeyRobots)
            throws FetchException {
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            addresses.check(uri);
            Robots.Rules rules = obeyRobots ? robots.rulesFor(uri) : Robots.Rules.ALLOW_ALL;
            if (!rules.allowed(uri.toString())) {
                throw new FetchException("disallowed by " + Robots.robotsUrl(uri) + " for this user agent", false);
            }
            pacer.await(hostKey(uri), rules.crawlDelayMs());
            Exchange ex = send(uri, types, etag, lastModified);
            if (ex.location != null) {
                if (hop >= settings.maxRedirects()) {
                    throw new FetchException("too many redirects (more than " + settings.maxRedirects() + ") from "
                            + url, false);
                }
                uri = resolve(uri, ex.location);
                continue;
            }
            return new FetchResponse(uri.toString(), ex.status, ex.contentType, ex.body, ex.etag, ex.lastModified);
        }
    }

    /** What one request gave: a redirect target, or a final status with its body. */
    private record Exchange(int status, String location, String contentType, byte[] body, String etag,
                            String lastModified) {
    }

    private Exchange send(URI uri, Set<String> types, String etag, String lastModified) throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(settings.timeoutSeconds()))
                .header("User-Agent", settings.userAgent())
                .header("Accept", String.join(", ", types) + ", */*;q=0.1")
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        long max = settings.maxPageBytes();
        String[] refusal = new String[1];
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            int status = info.statusCode();
            if (status / 100 != 2) {
                return new CappedBody(0, null); // redirects and errors: their bodies are not needed
            }
            String type = mediaType(info.headers().firstValue("Content-Type").orElse(""));
            if (!types.contains(type) && !(type.isEmpty() && types.contains("application/octet-stream"))) {
                refusal[0] = "unexpected content type " + (type.isEmpty() ? "(none)" : type) + " (expected "
                        + String.join(" or ", new java.util.TreeSet<>(types)) + ")";
                return new CappedBody(0, null);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > max) {
                refusal[0] = "too large: " + declared + " bytes declared (limit fetch.max-page-bytes = " + max + ")";
                return new CappedBody(0, null);
            }
            return new CappedBody(max, "too large: more than " + max + " bytes (limit fetch.max-page-bytes); "
                    + "the download was stopped there");
        };
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), handler);
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the headers only: this deadline covers the whole body too.
            response = future.get(settings.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException("no complete response within " + settings.timeoutSeconds() + " s (fetch."
                    + "timeout-seconds) from " + uri, true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching " + uri, true);
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
        int status = response.statusCode();
        var headers = response.headers();
        if (status == 304) {
            return new Exchange(304, null, "", new byte[0], headers.firstValue("ETag").orElse(etag),
                    headers.firstValue("Last-Modified").orElse(lastModified));
        }
        if (status / 100 == 3) {
            Optional<String> location = headers.firstValue("Location");
            if (location.isEmpty() || location.get().isBlank()) {
                throw new FetchException("HTTP " + status + " without a Location header from " + uri, false);
            }
            return new Exchange(status, location.get().strip(), "", null, null, null);
        }
        if (status == 429 || status / 100 == 5) {
            Duration retryAfter = headers.firstValue("Retry-After").map(Fetcher::retryAfter).orElse(null);
            throw new FetchException("HTTP " + status + (status == 429 ? " (too many requests)" : " (server error)")
                    + " from " + uri + (retryAfter == null ? "" : "; Retry-After " + retryAfter.toSeconds() + " s"),
                    true, retryAfter);
        }
        if (status / 100 != 2) {
            throw new FetchException("HTTP " + status + " from " + uri, status == 408);
        }
        if (refusal[0] != null) {
            throw new FetchException(refusal[0] + " at " + uri, false);
        }
        return new Exchange(status, null, headers.firstValue("Content-Type").orElse(""), response.body(),
                headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null));
    }

    private static FetchException failure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                return new FetchException(tooLarge.getMessage() + " at " + uri, false);
            }
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchException("timed out connecting to or waiting for " + uri, true);
        }
        if (cause instanceof ConnectException) {
            return new FetchException("cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""),
                    true);
        }
        if (cause instanceof IOException io) {
            return new FetchException("network error fetching " + uri + ": " + describe(io), true);
        }
        return new FetchException("fetching " + uri + " failed: " + cause, true);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static URI parse(String url) throws FetchException {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null) {
                throw new FetchException("not an absolute URL: " + url, false);
            }
            return uri.normalize();
        } catch (URISyntaxException e) {
            throw new FetchException("not a valid URL: " + url, false);
        }
    }

    private static URI resolve(URI base, String location) throws FetchException {
        try {
            return base.resolve(new URI(location)).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException("invalid redirect target '" + location + "' from " + base, false);
        }
    }

    /** "text/html; charset=utf-8" → "text/html". */
    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    static String hostKey(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
    }

    /** Retry-After as seconds or as an HTTP date; null when unreadable. */
    static Duration retryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(v, HTTP_DATE).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Signals a body over the cap; the subscription is cancelled, so the rest is never downloaded. */
    static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(String message) {
            super(message);
        }
    }

    /** Collects a body up to a cap; a cap of 0 refuses the body at once without reading it. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long cap;
        private final String overMessage;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long cap, String overMessage) {
            this.cap = cap;
            this.overMessage = overMessage;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cap == 0) {
                s.cancel();
                result.complete(new byte[0]);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (out.size() + (long) b.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge(overMessage));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
