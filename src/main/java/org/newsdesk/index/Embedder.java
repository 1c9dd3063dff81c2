package org.newsdesk.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.newsdesk.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dense-vector side of the index: one LangChain4j in-process ONNX model, loaded once per process.
 * Both supported models return L2-normalised 384-d vectors, so the index uses dot-product similarity.
 */
public final class Embedder implements AutoCloseable {
    public static final String BGE_SMALL = "bge-small-en-v15-q";
    public static final String MINILM = "all-minilm-l6-v2-q";
    // Questions are embedded as they are, without bge's optional query instruction ("Represent this sentence for
    // searching relevant passages: "): on the MultiHop-RAG dev split it changed passage MRR@10 by -0.0006 and article
    // MRR@10 by +0.003 (README), and it made every question ten tokens longer to embed.

    private final String name;
    private final EmbeddingModel model;
    private final ExecutorService pool;

    private Embedder(String name, EmbeddingModel model, ExecutorService pool) {
        this.name = name;
        this.model = model;
        this.pool = pool;
    }

    /** Wraps an already built model (the growth benchmark passes a hashing stand-in); the caller closes its resources. */
    public static Embedder of(String name, EmbeddingModel model) {
        return new Embedder(name, model, null);
    }

    /** Loads a named model. {@code threads} 0 means one per core. */
    public static Embedder load(String name, int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "embed");
            t.setDaemon(true);
            return t;
        });
        // The model is always passed explicitly: with both modules on the classpath LangChain4j's SPI lookup conflicts.
        return switch (name) {
            case BGE_SMALL -> new Embedder(name, new BgeSmallEnV15QuantizedEmbeddingModel(pool), pool);
            case MINILM -> new Embedder(name, new AllMiniLmL6V2QuantizedEmbeddingModel(pool), pool);
            default -> {
                pool.shutdown();
                throw new ConfigException("index.embedding-model must be " + BGE_SMALL + " or " + MINILM
                        + " (was '" + name + "')");
            }
        };
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return model.dimension();
    }

    public float[] embedQuery(String query) {
        return model.embed(query).content().vector();
    }

    /** Embeds many texts in one call; the model spreads them over its pool. */
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
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
