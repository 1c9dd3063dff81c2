package org.newsdesk.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the embedding model where running the real one is out of reach (a million passages on two cores):
 * a sparse random projection of the text's terms. Each lower-cased term is hashed, with the seed, to
 * {@value #TAPS} (dimension, sign) pairs; a text's vector is the sum over its terms, L2-normalised. Texts sharing
 * terms get close vectors, so the HNSW graph has real neighbourhoods to build, and it costs microseconds, not
 * tens of milliseconds. It says nothing about retrieval quality: only index time, size, memory and latency are
 * measured with it.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {
    static final int TAPS = 8;
    private final int dimension;
    private final long seed;

    public HashingEmbeddingModel(int dimension, long seed) {
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension must be at least 2");
        }
        this.dimension = dimension;
        this.seed = seed;
    }

    public float[] vector(String text) {
        float[] v = new float[dimension];
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            long h = seed * 0x9E3779B97F4A7C15L + 1;
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                h = (h ^ Character.toLowerCase(text.charAt(i))) * 0x100000001B3L;
                i++;
            }
            if (i == start) {
                break;
            }
            for (int t = 0; t < TAPS; t++) {
                h ^= h >>> 33;
                h *= 0xFF51AFD7ED558CCDL;
                h ^= h >>> 29;
                int dim = (int) Long.remainderUnsigned(h, dimension);
                v[dim] += (h & (1L << 40)) == 0 ? 1f : -1f;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1f;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dimension; d++) {
            v[d] *= inv;
        }
        return v;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            out.add(Embedding.from(vector(s.text())));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelName() {
        return "hashing-" + dimension;
    }
}
