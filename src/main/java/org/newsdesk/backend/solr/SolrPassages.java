package org.newsdesk.backend.solr;

import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.SentenceTerms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A passage as a Solr document and back: the same fields as the Lucene backend's ({@link PassageDocuments}); the
 * analysis of the text fields is the configset's (src/main/resources/solr/newsdesk/conf/schema.xml).
 */
public final class SolrPassages {
    /** The stored fields a search reads back. */
    public static final String STORED_FIELDS = String.join(",", PassageDocuments.ID, PassageDocuments.ARTICLE_ID,
            PassageDocuments.ORDINAL, PassageDocuments.START, PassageDocuments.END, PassageDocuments.TITLE,
            PassageDocuments.SOURCE, PassageDocuments.URL, PassageDocuments.PUBLISHED, PassageDocuments.PASSAGE,
            PassageDocuments.SENTENCE_TERMS);

    private SolrPassages() {
    }

    /** Write order: ties in a ranking are broken by it (see the schema). */
    public static final String SEQ = "seq";

    public static SolrInputDocument toDocument(Passage p, String file, float[] vector, boolean headerInText, long seq) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(SEQ, seq);
        d.addField(PassageDocuments.ID, p.id());
        d.addField(PassageDocuments.ARTICLE_ID, p.articleId());
        d.addField(PassageDocuments.FILE, file);
        d.addField(PassageDocuments.ORDINAL, p.ordinal());
        d.addField(PassageDocuments.START, p.start());
        d.addField(PassageDocuments.END, p.end());
        d.addField(PassageDocuments.TITLE, p.title());
        if (p.source() != null) {
            d.addField(PassageDocuments.SOURCE, p.source());
            d.addField(PassageDocuments.SOURCE_KEY, PassageDocuments.sourceKey(p.source()));
        }
        if (p.url() != null) {
            d.addField(PassageDocuments.URL, p.url());
        }
        d.addField(PassageDocuments.ORIGIN, PassageDocuments.originOf(file));
        if (p.published() != null) {
            d.addField(PassageDocuments.PUBLISHED, p.published().toEpochDay());
        }
        d.addField(PassageDocuments.META, PassageDocuments.metaText(p));
        d.addField(PassageDocuments.TEXT, PassageDocuments.bm25Text(p, headerInText));
        d.addField(PassageDocuments.PASSAGE, p.text());
        d.addField(PassageDocuments.SENTENCE_TERMS, PassageDocuments.sentenceTerms(p.text()).encode());
        List<Float> v = new ArrayList<>(vector.length);
        for (float f : vector) {
            v.add(f);
        }
        d.addField(PassageDocuments.VECTOR, v);
        return d;
    }

    public static PassageDocuments.StoredPassage fromDocument(SolrDocument d) {
        Object published = d.getFirstValue(PassageDocuments.PUBLISHED);
        Passage p = new Passage(str(d, PassageDocuments.ID), str(d, PassageDocuments.ARTICLE_ID),
                num(d, PassageDocuments.ORDINAL), num(d, PassageDocuments.START), num(d, PassageDocuments.END),
                str(d, PassageDocuments.PASSAGE), str(d, PassageDocuments.TITLE), str(d, PassageDocuments.SOURCE),
                str(d, PassageDocuments.URL),
                published == null ? null : LocalDate.ofEpochDay(((Number) published).longValue()));
        String terms = str(d, PassageDocuments.SENTENCE_TERMS);
        return new PassageDocuments.StoredPassage(p, terms == null ? null : SentenceTerms.decode(terms));
    }

    /** A stored vector as Solr returns it (a list of numbers). */
    public static float[] vector(SolrDocument d) {
        Object v = d.getFieldValue(PassageDocuments.VECTOR);
        if (!(v instanceof List<?> list)) {
            return null;
        }
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }

    private static String str(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v == null ? null : v.toString();
    }

    private static int num(SolrDocument d, String field) {
        Object v = d.getFirstValue(field);
        return v == null ? 0 : ((Number) v).intValue();
    }
}
