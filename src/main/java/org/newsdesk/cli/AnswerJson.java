package org.newsdesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.search.Hit;

/**
 * The {@code ask --json} contract. Scripts and evaluations read it: fields are only ever added, never renamed or
 * removed. Original fields: question, answer, abstained, citations[n, articleId, title, source, url, published,
 * passage], retrieved[articleId, title, score, passage], timings_ms{retrieve, compose, total}.
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
        }
        ObjectNode t = o.putObject("timings_ms");
        t.put("retrieve", a.timings().retrieveMs());
        t.put("compose", a.timings().composeMs());
        t.put("total", a.timings().totalMs());
        o.put("composer", a.composer());
        o.put("evidence", a.evidence());
        return o;
    }
}
