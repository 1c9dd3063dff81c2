package org.newsdesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.answer.TimeScope;
import org.newsdesk.search.Hit;
import org.newsdesk.search.WireCopy;

import java.util.List;

/**
 * The {@code ask --json} contract. Scripts and evaluations read it: fields are only ever added, never renamed or
 * removed. Original fields: question, answer, abstained, citations[n, articleId, title, source, url, published,
 * passage], retrieved[articleId, title, score, passage], timings_ms{retrieve, compose, total}. Added since:
 * citations[].alsoIn and retrieved[].alsoIn (other outlets' copies: [{source, url, title, articleId, published}]),
 * period ({from, to, label, newestFirst, otherDates}, or null when the question named no time), shortAnswer
 * (string or null) and answerType (issue 15).
 */
final class AnswerJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AnswerJson() {
    }

    static ObjectNode of(Answer a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("question", a.question());
        o.put("answer", a.text());
        o.put("abstained", a.abstained());
        ArrayNode citations = o.putArray("citations");
        for (Citation c : a.citations()) {
            ObjectNode n = citations.addObject();
            n.put("n", c.n());
            n.put("articleId", c.articleId());
            n.put("title", c.title());
            n.put("source", c.source());
            n.put("url", c.url());
            n.put("published", c.published() == null ? null : c.published().toString());
            n.put("passage", c.passage());
            n.put("passageId", c.passageId());
            alsoIn(n, c.alsoIn());
        }
        ArrayNode retrieved = o.putArray("retrieved");
        for (Hit h : a.retrieved()) {
            ObjectNode n = retrieved.addObject();
            n.put("articleId", h.passage().articleId());
            n.put("title", h.passage().title());
            n.put("score", h.score());
            n.put("passage", h.passage().text());
            n.put("passageId", h.passage().id());
            n.put("source", h.passage().source());
            n.put("url", h.passage().url());
            n.put("published", h.passage().published() == null ? null : h.passage().published().toString());
            n.put("bm25Rank", h.bm25Rank());
            n.put("knnRank", h.knnRank());
            alsoIn(n, h.alsoIn());
        }
        ObjectNode t = o.putObject("timings_ms");
        t.put("retrieve", a.timings().retrieveMs());
        t.put("compose", a.timings().composeMs());
        t.put("total", a.timings().totalMs());
        o.put("composer", a.composer());
        o.put("evidence", a.evidence());
        period(o, a.time());
        // Added with issue 15: the answer itself (null when none was found with enough support) and the kind of
        // answer the question asks for.
        o.put("shortAnswer", a.shortAnswer());
        o.put("answerType", a.answerType());
        return o;
    }

    /** {@code period}: the publication days searched, or null when the question named no time. */
    private static void period(ObjectNode o, TimeScope time) {
        if (time == null) {
            o.putNull("period");
            return;
        }
        ObjectNode p = o.putObject("period");
        p.put("from", time.period() == null ? null : time.period().from().toString());
        p.put("to", time.period() == null ? null : time.period().to().toString());
        p.put("label", time.period() == null ? null : time.period().label());
        p.put("newestFirst", time.newestFirst());
        p.put("otherDates", time.otherDates());
    }

    private static void alsoIn(ObjectNode n, List<WireCopy> copies) {
        ArrayNode a = n.putArray("alsoIn");
        for (WireCopy w : copies) {
            ObjectNode c = a.addObject();
            c.put("source", w.source());
            c.put("url", w.url());
            c.put("title", w.title());
            c.put("articleId", w.articleId());
            c.put("published", w.published() == null ? null : w.published().toString());
        }
    }
}
