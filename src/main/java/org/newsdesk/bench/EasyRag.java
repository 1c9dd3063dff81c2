package org.newsdesk.bench;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.newsdesk.answer.Answer;
import org.newsdesk.corpus.Article;
import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LangChain4j's Easy RAG defaults rebuilt from the product's LangChain4j, for {@link CompareBench}: recursive
 * splitter 300/30 tokens counted by {@link HuggingFaceTokenCountEstimator}, bge-small-en-v1.5 quantized,
 * {@link EmbeddingStoreIngestor} into an {@link InMemoryEmbeddingStore}, {@link EmbeddingStoreContentRetriever} with
 * {@value #MAX_RESULTS} results. Its answers carry only the retrieved segments, as passages, so the same Evaluator
 * scores them.
 */
final class EasyRag {
    /** Easy RAG's retriever keeps the 10 best segments here (its own default is 3; 10 is needed for Hits@10). */
    static final int MAX_RESULTS = 10;

    private final EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
    private final DocumentSplitter splitter = DocumentSplitters.recursive(300, 30, new HuggingFaceTokenCountEstimator());
    private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    private ContentRetriever retriever;

    /** The model loaded and warmed, so that the timed ingest does not pay for ONNX start-up. */
    EasyRag() {
        model.embed("warm up");
    }

    static List<Document> documents(List<Article> articles) {
        return articles.stream().map(EasyRag::document).toList();
    }

    /** Splits, embeds and stores the documents (the timed part). */
    void ingest(List<Document> documents) {
        EmbeddingStoreIngestor.builder().documentSplitter(splitter).embeddingModel(model).embeddingStore(store).build()
                .ingest(documents);
        retriever = EmbeddingStoreContentRetriever.builder().embeddingStore(store).embeddingModel(model)
                .maxResults(MAX_RESULTS).build();
    }

    /** The segments the ingest stored, counted by splitting again with the same splitter (deterministic). */
    List<TextSegment> segments(List<Document> documents) {
        return splitter.splitAll(documents);
    }

    /** The retrieved segments as an answer without text (Easy RAG has no notion of abstaining). */
    Answer ask(String question) {
        long t0 = System.nanoTime();
        List<Content> contents = retriever.retrieve(Query.from(question));
        List<Hit> hits = new ArrayList<>(contents.size());
        for (Content c : contents) {
            hits.add(new Hit(segmentPassage(c.textSegment()), 0, 0, hits.size() + 1, 0, 0));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Answer(question, "", false, List.of(), hits, "easy-rag", 0, new Answer.Timings(ms, 0, ms));
    }

    /** A Document as a plain-text export of the article would read: headline, blank line, body. */
    static Document document(Article a) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("article_id", a.id());
        meta.put("title", a.title());
        if (a.source() != null) {
            meta.put("source", a.source());
        }
        if (a.url() != null) {
            meta.put("url", a.url());
        }
        return Document.from(a.title() + "\n\n" + a.body(), Metadata.from(meta));
    }

    /** An Easy RAG segment as a Passage, so that the same Evaluator scores it (text = the segment text). */
    static Passage segmentPassage(TextSegment s) {
        Metadata m = s.metadata();
        String articleId = m.getString("article_id");
        Object index = m.toMap().get("index");
        int ordinal = index == null ? 0 : Integer.parseInt(index.toString());
        return new Passage(Passage.idOf(articleId, ordinal), articleId, ordinal, 0, s.text().length(), s.text(),
                m.getString("title"), m.getString("source"), m.getString("url"), null);
    }
}
