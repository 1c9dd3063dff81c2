package org.newsdesk.index;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.NewsdeskConfig;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dense-vector side of the index: one LangChain4j in-process ONNX model, loaded once per process, or a model
 * server ({@code index.embedding-provider: openai | ollama}, see {@link RemoteEmbeddingModel}). Both local models
 * return L2-normalised 384-d vectors and remote vectors are normalised on arrival, so the index uses dot-product
 * similarity. One class for both: they differ only in the LangChain4j model behind it.
 */
public final class Embedder implements AutoCloseable {
    public static final String BGE_SMALL = "bge-small-en-v15-q";
    /**
     * all-MiniLM-L6-v2 (quantized) was the second local model until issue 26: it is no longer in the jar (16 MB,
     * and worse than bge-small on dev: README), so naming it is a configuration error that says so.
     */
    public static final String MINILM = "all-minilm-l6-v2-q";
    // Questions are embedded as they are, without bge's optional query instruction ("Represent this sentence for
    // searching relevant passages: "): on the MultiHop-RAG dev split it changed passage MRR@10 by -0.0006 and article
    // MRR@10 by +0.003 (README), and it made every question ten tokens longer to embed.

    /** Sessions by model and intra-op threads: a session is safe to share between threads. */
    private static final Map<String, OnnxBertBiEncoder> ENCODERS = new ConcurrentHashMap<>();

    private final String name;
    private final EmbeddingModel model;
    private final EmbeddingModel questionModel;
    private final Runnable onClose;
    private final int parallelBatches;

    private Embedder(String name, EmbeddingModel model, EmbeddingModel questionModel, Runnable onClose,
                     int parallelBatches) {
        this.name = name;
        this.model = model;
        this.questionModel = questionModel;
        this.onClose = onClose;
        this.parallelBatches = parallelBatches;
    }

    /** Wraps an already built model (the growth benchmark passes a hashing stand-in); the caller closes its resources. */
    public static Embedder of(String name, EmbeddingModel model) {
        return new Embedder(name, model, model, null, 1);
    }

    /**
     * The configured embeddings: the local model {@code index.embedding-model} names, with the index's thread
     * settings, or the model server of {@code index.embedding-provider}.
     */
    public static Embedder load(NewsdeskConfig.Index index) {
        if (index.remoteEmbeddings()) {
            return remote(index, RemoteEmbeddingModel.FIRST_BACKOFF);
        }
        return load(index.embeddingModel(), index.embedThreads(), index.modelThreads(), index.questionModelThreads());
    }

    /**
     * A model server's embeddings, named by provider, model and dimensions ({@code openai:nomic-embed-text:768d}):
     * the index records that name, so changing any of the three is a model change. {@code firstBackoff} is the
     * wait before the first retry (tests shorten it).
     */
    static Embedder remote(NewsdeskConfig.Index index, java.time.Duration firstBackoff) {
        RemoteEmbeddingModel remote = new RemoteEmbeddingModel(index, firstBackoff);
        return new Embedder(RemoteEmbeddingModel.identity(index), remote, remote, remote::close,
                index.embeddingConcurrency());
    }

    /**
     * The name the index records for the configured embeddings: the local model's name (as before remote providers
     * existed, so indexes built then stay valid), or provider, remote model and dimensions.
     */
    public static String identity(NewsdeskConfig.Index index) {
        return index.remoteEmbeddings() ? RemoteEmbeddingModel.identity(index) : index.embeddingModel();
    }

    /** The vector size of both shipped local models. */
    public static final int LOCAL_DIMENSION = 384;

    /**
     * The vector size the configured embeddings write, without loading them: {@code index.embedding-dimensions} for
     * a model server, {@link #LOCAL_DIMENSION} for the local models. The SolrCloud schema is made with it.
     */
    public static int dimensionOf(NewsdeskConfig.Index index) {
        return index.remoteEmbeddings() ? index.embeddingDimensions() : LOCAL_DIMENSION;
    }

    /**
     * Loads a named model from the LangChain4j artifact that ships it. {@code threads} texts are embedded at once
     * when indexing (0: one per core); {@code modelThreads} is ONNX Runtime's intra-op threads per text (0: its
     * default, one per core with spin-waiting workers, which is what LangChain4j's ready-made model classes use);
     * {@code questionModelThreads} the same for one question (0: one per core), whose workers stop spinning when it
     * is embedded.
     */
    public static Embedder load(String name, int threads, int modelThreads, int questionModelThreads) {
        ModelFiles files = switch (name) {
            case BGE_SMALL -> new ModelFiles("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS);
            case MINILM -> throw new ConfigException("index.embedding-model " + MINILM + " is no longer shipped"
                    + " (the jar keeps one local model): use " + BGE_SMALL + ", or a model server through"
                    + " index.embedding-provider");
            default -> throw new ConfigException("index.embedding-model must be " + BGE_SMALL
                    + " or a model server through index.embedding-provider (was '" + name + "')");
        };
        int cores = Runtime.getRuntime().availableProcessors();
        OnnxBertBiEncoder encoder = ENCODERS.computeIfAbsent(name + "/" + modelThreads,
                k -> open(name, files, modelThreads, false));
        int questionThreads = questionModelThreads > 0 ? questionModelThreads : cores;
        // One thread has no workers to stop: then the question shares the indexing session when that has one too.
        boolean stopSpinning = questionThreads > 1;
        OnnxBertBiEncoder questionEncoder = ENCODERS.computeIfAbsent(
                name + "/" + questionThreads + (stopSpinning ? "/stop-spinning" : ""),
                k -> open(name, files, questionThreads, stopSpinning));
        int n = threads > 0 ? threads : cores;
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "embed");
            t.setDaemon(true);
            return t;
        });
        // A single text is embedded on the calling thread, so the question model needs no pool of its own.
        return new Embedder(name, new OnnxModel(encoder, pool), new OnnxModel(questionEncoder, pool), pool::shutdownNow, 1);
    }

    /**
     * Our own ONNX sessions rather than LangChain4j's ready-made model classes, for their thread settings. ONNX
     * Runtime's default pool keeps its workers spinning on a core for 40-50 ms after each call, competing with the
     * search threads and with the other texts of a batch. So indexing runs one text per core on one intra-op thread
     * each (on two cores about 1.2x faster than LangChain4j's session). A question shares that session by default;
     * with {@code index.question-model-threads} above 1 it gets a second session whose workers stop spinning when
     * the call returns ({@code stopSpinning}): faster on an idle machine, slower beside other busy threads
     * (docs/bench.md, "Model threads" and "Question latency"). Loaded once per process and never closed, as
     * LangChain4j's are.
     */
    private static OnnxBertBiEncoder open(String name, ModelFiles files, int modelThreads, boolean stopSpinning) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             InputStream model = resource(files.model());
             InputStream tokenizer = resource(files.tokenizer())) {
            if (modelThreads > 0) {
                options.setIntraOpNumThreads(modelThreads);
            }
            if (stopSpinning) {
                options.addConfigEntry("session.force_spinning_stop", "1");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession session = env.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(env, session, tokenizer, files.pooling());
        } catch (OrtException | IOException e) {
            throw new IndexException("could not load embedding model " + name + ": " + e.getMessage(), e);
        }
    }

    private record ModelFiles(String model, String tokenizer, PoolingMode pooling) {
    }

    /** LangChain4j's in-process model (tokenising, pooling, batching over the pool) around our session. */
    private static final class OnnxModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        OnnxModel(OnnxBertBiEncoder encoder, Executor pool) {
            super(pool);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = Embedder.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            throw new IOException(file + " is not on the classpath (the LangChain4j embeddings artifact ships it)");
        }
        return in;
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return model.dimension();
    }

    /**
     * How many batches of {@code index.embed-batch-size} texts to hand over at once: a model server takes several
     * requests at a time ({@code index.embedding-concurrency}); the local model fills its pool from one batch.
     */
    public int parallelBatches() {
        return parallelBatches;
    }

    public float[] embedQuery(String query) {
        if (query == null || query.isBlank()) {
            // The searcher never asks for this (QueryText); a clear message instead of the model's stack trace.
            throw new IllegalArgumentException("nothing to embed: the question is empty");
        }
        return questionModel.embed(query).content().vector();
    }

    /**
     * Embeds many texts in one call; the model spreads them over its pool (or its concurrent requests). A model
     * server's failure is an {@link EmbeddingException}.
     */
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            vectors.add(e.vector());
        }
        return vectors;
    }

    /** The text a passage is embedded as: its headline gives the vector the article's topic. */
    public static String passageInput(Passage p) {
        return p.title() + ". " + p.text();
    }

    @Override
    public void close() {
        if (onClose != null) {
            onClose.run();
        }
    }
}
