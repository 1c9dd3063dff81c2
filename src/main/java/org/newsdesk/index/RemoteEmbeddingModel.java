package org.newsdesk.index;

import org.newsdesk.retry.Backoff;

import com.fasterxml.jackson.core.JacksonException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.NewsdeskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embeddings from a model server, through LangChain4j's OpenAI ({@code POST /v1/embeddings}) or Ollama
 * ({@code POST /api/embed}) client. LangChain4j makes each HTTP call (its own retries off); this class adds what an
 * indexing run over a shared GPU box needs: requests of {@code index.embed-batch-size} texts, at most
 * {@code index.embedding-concurrency} in flight, retries with exponential backoff on 429, 5xx, timeouts and broken
 * connections (never on another 4xx: the request itself is wrong), a check of every vector's size against
 * {@code index.embedding-dimensions}, and errors that never carry the API key.
 */
final class RemoteEmbeddingModel implements EmbeddingModel {
    private static final Logger log = LoggerFactory.getLogger(RemoteEmbeddingModel.class);
    static final String OPENAI_URL = "https://api.openai.com/v1";
    static final String OLLAMA_URL = "http://localhost:11434";
    /** Sent to OpenAI-compatible servers that want no key (the OpenAI client insists on one). */
    static final String NO_KEY = "not-needed";
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /** A question has someone waiting for it: one retry at most, then it is answered from BM25 alone. */
    static final int QUESTION_RETRIES = 1;
    /** After a question's embedding fails on a server fault, the next questions skip the server this long. */
    static final Duration QUESTION_PAUSE = Duration.ofSeconds(30);

    private final String provider;
    private final String model;
    private final int dimensions;
    private final int batchSize;
    private final int maxRetries;
    private final Duration firstBackoff;
    private final String server;
    private final String secret;
    private final EmbeddingModel client;
    /** The same server with the question timeout. */
    private final EmbeddingModel questionClient;
    private final ExecutorService pool;
    private volatile long questionsPausedUntil;

    RemoteEmbeddingModel(NewsdeskConfig.Index settings, Duration firstBackoff) {
        this.provider = settings.embeddingProvider();
        this.model = settings.embeddingRemoteModel();
        this.dimensions = settings.embeddingDimensions();
        this.batchSize = settings.embedBatchSize();
        this.maxRetries = settings.embeddingMaxRetries();
        this.firstBackoff = firstBackoff;
        String key = settings.embeddingApiKey();
        this.secret = key == null || key.isBlank() ? null : key;
        String baseUrl = baseUrl(settings);
        if ("openai".equals(provider) && secret == null && baseUrl.equals(OPENAI_URL)) {
            throw new ConfigException("index.embedding-provider is openai but no API key is set: set "
                    + "NEWSDESK_EMBEDDING_API_KEY in the environment, or point index.embedding-base-url at an "
                    + "OpenAI-compatible server");
        }
        this.server = withoutUserInfo(baseUrl);
        this.client = client(baseUrl, Duration.ofSeconds(settings.embeddingTimeoutSeconds()));
        this.questionClient = client(baseUrl, Duration.ofSeconds(settings.embeddingQuestionTimeoutSeconds()));
        int threads = settings.embeddingConcurrency();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "embed-remote");
            t.setDaemon(true);
            return t;
        });
    }

    /** LangChain4j's client for the provider, its own retries off (ours know 429 from 400). */
    private EmbeddingModel client(String baseUrl, Duration timeout) {
        return switch (provider) {
            case "openai" -> OpenAiEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    .apiKey(secret == null ? NO_KEY : secret)
                    .modelName(model)
                    .timeout(timeout)
                    .maxRetries(0)
                    .maxSegmentsPerBatch(batchSize)
                    .build();
            case "ollama" -> OllamaEmbeddingModel.builder()
                    .baseUrl(baseUrl)
                    .modelName(model)
                    .timeout(timeout)
                    .maxRetries(0)
                    .customHeaders(secret == null ? Map.of() : Map.of("Authorization", "Bearer " + secret))
                    .build();
            default -> throw new IllegalArgumentException("not a remote embedding provider: " + provider);
        };
    }

    static String baseUrl(NewsdeskConfig.Index settings) {
        String url = settings.embeddingBaseUrl();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (!url.isEmpty()) {
            return url;
        }
        return "ollama".equals(settings.embeddingProvider()) ? OLLAMA_URL : OPENAI_URL;
    }

    /** What the index records as the model that wrote its vectors: provider, model and size. */
    static String identity(NewsdeskConfig.Index settings) {
        return settings.embeddingProvider() + ":" + settings.embeddingRemoteModel() + ":" + settings.embeddingDimensions()
                + "d";
    }

    /** The server's address for messages: a user:password in the URL stays out of them. */
    private static String withoutUserInfo(String url) {
        try {
            URI u = URI.create(url);
            if (u.getUserInfo() == null) {
                return url;
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (Exception e) {
            return "(the URL in index.embedding-base-url)";
        }
    }

    @Override
    public int dimension() {
        return dimensions;
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    public Response<Embedding> embed(String text) {
        return embed(TextSegment.from(text));
    }

    /**
     * A question: one text, the question timeout, one retry at most. A server fault pauses questions for
     * {@link #QUESTION_PAUSE}, so that a server that hangs costs one question its timeout, not every question.
     */
    @Override
    public Response<Embedding> embed(TextSegment segment) {
        long pausedFor = questionsPausedUntil - System.nanoTime();
        if (pausedFor > 0) {
            throw new EmbeddingException(where() + " failed a moment ago; questions skip it for another "
                    + (pausedFor / 1_000_000_000 + 1) + " s");
        }
        try {
            return Response.from(request(questionClient, List.of(segment), Math.min(QUESTION_RETRIES, maxRetries)).get(0));
        } catch (ServerFault e) {
            questionsPausedUntil = System.nanoTime() + QUESTION_PAUSE.toNanos();
            throw e;
        }
    }

    /** Requests of {@code batchSize} texts, up to the pool's size at once; the result keeps the texts' order. */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments.size() <= batchSize) {
            return Response.from(request(client, segments, maxRetries));
        }
        List<Future<List<Embedding>>> parts = new ArrayList<>();
        for (int i = 0; i < segments.size(); i += batchSize) {
            List<TextSegment> batch = segments.subList(i, Math.min(segments.size(), i + batchSize));
            parts.add(pool.submit(() -> request(client, batch, maxRetries)));
        }
        List<Embedding> all = new ArrayList<>(segments.size());
        try {
            for (Future<List<Embedding>> part : parts) {
                all.addAll(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("embedding interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new EmbeddingException("embedding failed: " + e.getCause().getClass().getSimpleName());
        } finally {
            parts.forEach(p -> p.cancel(true));
        }
        return Response.from(all);
    }

    /** One request, retried on what a retry can cure; the vectors checked and L2-normalised. */
    private List<Embedding> request(EmbeddingModel client, List<TextSegment> batch, int retries) {
        for (int attempt = 0; ; attempt++) {
            List<Embedding> vectors;
            try {
                vectors = client.embedAll(batch).content();
            } catch (RuntimeException e) {
                Integer status = status(e);
                if (!retriable(e, status)) {
                    throw new EmbeddingException(where() + (status != null ? " refused the request: " : " failed: ")
                            + describe(e, status) + hint(status));
                }
                if (attempt >= retries) {
                    throw new ServerFault(where() + " failed after " + (attempt + 1)
                            + (attempt == 0 ? " attempt: " : " attempts: ") + describe(e, status));
                }
                long wait = backoffMillis(attempt);
                log.warn("{} failed ({}); retry {} of {} in {} ms", where(), describe(e, status), attempt + 1, retries, wait);
                sleep(wait);
                continue;
            }
            return checked(batch, vectors);
        }
    }

    private List<Embedding> checked(List<TextSegment> batch, List<Embedding> vectors) {
        if (vectors == null || vectors.size() != batch.size()) {
            throw new EmbeddingException(where() + " returned " + (vectors == null ? 0 : vectors.size())
                    + " vectors for " + batch.size() + " texts");
        }
        List<Embedding> out = new ArrayList<>(vectors.size());
        for (Embedding e : vectors) {
            float[] v = e.vector();
            if (v.length != dimensions) {
                throw new EmbeddingException(where() + " returned " + v.length + "-d vectors but index.embedding-dimensions is "
                        + dimensions + ": set index.embedding-dimensions to " + v.length
                        + " (the next reindex then rebuilds the index in full)");
            }
            out.add(Embedding.from(normalised(v)));
        }
        return out;
    }

    /** The index compares vectors by dot product, which ranks as cosine only for unit vectors; not every server normalises. */
    static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0 || Math.abs(sum - 1) < 1e-6) {
            return v;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    private long backoffMillis(int attempt) {
        // Up to a fifth more, so that parallel requests refused together do not come back together.
        return new Backoff(firstBackoff, MAX_BACKOFF.compareTo(firstBackoff) < 0 ? firstBackoff : MAX_BACKOFF, 0.2)
                .delay(attempt).toMillis();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("embedding interrupted");
        }
    }

    private static Integer status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h) {
                return h.statusCode();
            }
        }
        return null;
    }

    /**
     * 429 and 5xx are the server's momentary trouble, as are timeouts and broken connections; any other status, or a
     * reply that is not the protocol's JSON, means this request will never succeed.
     */
    private static boolean retriable(Throwable e, Integer status) {
        if (status != null) {
            return status == 429 || status >= 500;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException) {
                return false; // a reply that is not the protocol's JSON will not become so
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private String where() {
        return "the embedding server " + server + " (" + provider + ", model " + model + ")";
    }

    /** What went wrong, in a few words: the HTTP status and the server's message, or the connection's trouble. */
    private String describe(Throwable e, Integer status) {
        Throwable shown = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException) {
                shown = t;
                break;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "cannot connect (" + t.getClass().getSimpleName() + "); is the server running at that address?";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof dev.langchain4j.exception.TimeoutException) {
                return "timed out (" + t.getClass().getSimpleName() + ")";
            }
            if (shown == null && t.getMessage() != null) {
                shown = t;
            }
        }
        if (shown == null) {
            shown = e;
        }
        String detail = shown.getMessage() == null ? "" : redact(shown.getMessage()).replaceAll("\\s+", " ").trim();
        if (detail.length() > 300) {
            detail = detail.substring(0, 300) + "...";
        }
        String what = status != null ? "HTTP " + status : shown.getClass().getSimpleName();
        return detail.isEmpty() ? what : what + ": " + detail;
    }

    private static String hint(Integer status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case 401, 403 -> " (check NEWSDESK_EMBEDDING_API_KEY)";
            case 404 -> " (check index.embedding-base-url and index.embedding-remote-model)";
            default -> "";
        };
    }

    /** Servers sometimes echo what they were sent: the key is cut out of anything we repeat. */
    private String redact(String text) {
        return secret == null ? text : text.replace(secret, "<redacted>");
    }

    /** A failure a retry could have cured (429, 5xx, timeout, connection), after the retries ran out. */
    private static final class ServerFault extends EmbeddingException {
        ServerFault(String message) {
            super(message);
        }
    }

    void close() {
        pool.shutdownNow();
    }
}
