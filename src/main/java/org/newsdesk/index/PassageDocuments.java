package org.newsdesk.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;

import java.io.IOException;
import java.time.LocalDate;

/** The Lucene schema of a passage: how a {@link Passage} becomes a document and back. */
public final class PassageDocuments {
    public static final String ID = "id";
    public static final String ARTICLE_ID = "article_id";
    public static final String FILE = "file";
    public static final String ORDINAL = "ordinal";
    public static final String START = "start";
    public static final String END = "end";
    /** Headline, analysed and stored. */
    public static final String TITLE = "title";
    public static final String SOURCE = "source";
    /** The outlet, lower-cased, as one term: lists the outlets and filters by one ("the TechCrunch article ..."). */
    public static final String SOURCE_KEY = "source_key";
    public static final String URL = "url";
    /**
     * Where the passage's file came from, as one term: the configured source's name, "added" (/add) or "corpus"
     * (corpus-dir). Per-chat archives filter on it; {@link #SOURCE} is the outlet an article names, which is not the
     * source it was fetched by. An index written before this field needs a full reindex for chats to see it.
     */
    public static final String ORIGIN = "origin";
    /** Outlet and date as words, analysed: lets a question that names "TechCrunch" or "November 2023" match. */
    public static final String META = "meta";
    /** Epoch day, as a point (range filters) and stored. */
    public static final String PUBLISHED = "published";
    /** What BM25 scores: the passage text, with the metadata header in front when configured. */
    public static final String TEXT = "text";
    /** The passage text as shown to users. */
    public static final String PASSAGE = "passage";
    public static final String VECTOR = "vector";
    /** The analysed terms of each sentence of the passage text (SentenceTerms, encoded), stored only. */
    public static final String SENTENCE_TERMS = "sentence_terms";
    /** For the stored sentence terms; an analyzer is safe to share between threads. */
    private static final Analyzer SENTENCE_ANALYZER = analyzer();

    private PassageDocuments() {
    }

    /** One analyzer for every analysed field: English stemming and stop words. */
    public static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    public static Document toDocument(Passage p, String file, float[] vector, boolean headerInText) {
        Document d = new Document();
        d.add(new StringField(ID, p.id(), Field.Store.YES));
        d.add(new StringField(ARTICLE_ID, p.articleId(), Field.Store.YES));
        d.add(new StringField(FILE, file, Field.Store.YES));
        d.add(new StoredField(ORDINAL, p.ordinal()));
        d.add(new StoredField(START, p.start()));
        d.add(new StoredField(END, p.end()));
        d.add(new TextField(TITLE, p.title(), Field.Store.YES));
        if (p.source() != null) {
            d.add(new StoredField(SOURCE, p.source()));
            d.add(new StringField(SOURCE_KEY, sourceKey(p.source()), Field.Store.NO));
        }
        if (p.url() != null) {
            d.add(new StoredField(URL, p.url()));
        }
        d.add(new StringField(ORIGIN, originOf(file), Field.Store.YES));
        if (p.published() != null) {
            long day = p.published().toEpochDay();
            d.add(new LongPoint(PUBLISHED, day));
            d.add(new StoredField(PUBLISHED, day));
        }
        d.add(new TextField(META, metaText(p), Field.Store.NO));
        d.add(new TextField(TEXT, bm25Text(p, headerInText), Field.Store.NO));
        d.add(new StoredField(PASSAGE, p.text()));
        d.add(new StoredField(SENTENCE_TERMS, sentenceTerms(p.text()).encode()));
        d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return d;
    }

    /**
     * The meta field's text: the outlet's name and the words of the publication day. Every backend indexes exactly
     * this (their scores must agree).
     */
    public static String metaText(Passage p) {
        StringBuilder meta = new StringBuilder();
        if (p.source() != null) {
            meta.append(p.source()).append(' ');
        }
        if (p.published() != null) {
            meta.append(DateWords.of(p.published()));
        }
        return meta.toString();
    }

    /**
     * The origin of an indexed file, from its path as the reindexer lists it: {@code .sources/<name>/…} (fetched
     * and added articles, see WebArchive) and {@code .folders/<name>/…} (folder sources) are their source's; any other
     * file is corpus-dir's ("corpus").
     */
    public static String originOf(String file) {
        for (String prefix : new String[]{".sources/", ".folders/"}) {
            if (file.startsWith(prefix)) {
                int slash = file.indexOf('/', prefix.length());
                if (slash > prefix.length()) {
                    return file.substring(prefix.length(), slash);
                }
            }
        }
        return org.newsdesk.config.NewsdeskConfig.CORPUS_ORIGIN;
    }

    /** The BM25 text field's text: the passage, after its header when the index puts headers in the text. */
    public static String bm25Text(Passage p, boolean headerInText) {
        return headerInText ? p.header() + "\n" + p.text() : p.text();
    }

    /** The stored sentence terms of a passage text, as every backend stores them. */
    public static SentenceTerms sentenceTerms(String text) {
        return SentenceTerms.of(SENTENCE_ANALYZER, text);
    }

    /** Outlet name normalised for matching: lower case, punctuation as spaces, no leading "the". */
    public static String sourceKey(String source) {
        String k = outletWords(source);
        // One Lucene term may not exceed 32,766 bytes; the corpus bounds outlets, this keeps any caller safe.
        if (k.length() > org.newsdesk.corpus.ArticleLimits.MAX_SOURCE_CHARS) {
            k = k.substring(0, org.newsdesk.corpus.ArticleLimits.MAX_SOURCE_CHARS);
        }
        return k.startsWith("the ") ? k.substring(4) : k;
    }

    /**
     * Any text in the form outlet keys are compared in (lower case, punctuation as spaces), not shortened: a question
     * is searched for the keys of the outlets it names, anywhere in it (the key's length cap cut the outlets named
     * after its 256th character out of long questions).
     */
    public static String outletWords(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    /** A passage as stored, with the terms of its sentences (null in an index written before they were stored). */
    public record StoredPassage(Passage passage, SentenceTerms sentenceTerms) {
    }

    public static StoredPassage loadWithTerms(StoredFields fields, int doc) throws IOException {
        Document d = fields.document(doc);
        String terms = d.get(SENTENCE_TERMS);
        return new StoredPassage(passage(d), terms == null ? null : SentenceTerms.decode(terms));
    }

    private static Passage passage(Document d) {
        var published = d.getField(PUBLISHED);
        return new Passage(d.get(ID), d.get(ARTICLE_ID), d.getField(ORDINAL).numericValue().intValue(),
                d.getField(START).numericValue().intValue(), d.getField(END).numericValue().intValue(),
                d.get(PASSAGE), d.get(TITLE), d.get(SOURCE), d.get(URL),
                published == null ? null : LocalDate.ofEpochDay(published.numericValue().longValue()));
    }
}
