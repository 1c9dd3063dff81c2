package org.newsdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One evaluation question, in the MultiHop-RAG JSONL format ({@code ../shared/bench/README.md}): id, query, answer,
 * question_type, evidence[{article_id, title, url, fact}]; or in the factoid format: id, question, answers (the short
 * answer, then accepted variants), sources (article ids), type (the expected answer type), evidence (the sentence
 * that holds the answer). No evidence means the archive cannot answer it.
 *
 * @param answers      every accepted answer (the MultiHop-RAG format has one: {@code answer})
 * @param expectedType the answer type the factoid file gives ("person", "place" ...), null for MultiHop-RAG
 */
public record QaItem(String id, String query, String answer, String type, List<Evidence> evidence,
                     List<String> answers, String expectedType) {
    public record Evidence(String articleId, String fact) {
    }

    /** The question type of factoid lines (MultiHop-RAG's are inference_query, comparison_query ...). */
    public static final String FACTOID = "factoid";

    public QaItem {
        evidence = List.copyOf(evidence);
        answers = answers == null || answers.isEmpty() ? (answer == null || answer.isEmpty() ? List.of() : List.of(answer))
                : List.copyOf(answers);
    }

    public QaItem(String id, String query, String answer, String type, List<Evidence> evidence) {
        this(id, query, answer, type, evidence, null, null);
    }

    public boolean factoid() {
        return FACTOID.equals(type);
    }

    private static final Logger LOG = LoggerFactory.getLogger(QaItem.class);

    public boolean answerable() {
        return !evidence.isEmpty();
    }

    public List<String> goldArticles() {
        return evidence.stream().map(Evidence::articleId).distinct().toList();
    }

    /** Reads a JSONL file; a malformed line is skipped and logged with the file and line. */
    public static List<QaItem> read(Path file) throws IOException {
        return read(file, problem -> LOG.warn("{}", problem));
    }

    /**
     * Reads a JSONL file. A malformed line (not JSON, no question) is skipped and reported to {@code skipped} with
     * the file and line; the rest is read. A file with lines but no readable question at all is an error.
     */
    public static List<QaItem> read(Path file, Consumer<String> skipped) throws IOException {
        return JsonlFile.read(file, skipped, QaItem::parse, "a question (JSON with a 'query')");
    }

    private static QaItem parse(JsonNode o, int n) {
        // The near-miss files write {"question", "abstain": true}: a question the archive cannot answer.
        String query = o.hasNonNull("query") ? o.get("query").asText()
                : o.hasNonNull("question") ? o.get("question").asText() : null;
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("no 'query' (or 'question')");
        }
        List<Evidence> ev = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        o.path("answers").forEach(a -> answers.add(a.asText()));
        if (o.path("evidence").isTextual() || o.has("sources")) {
            // factoid format: one evidence sentence, held by each listed source
            for (JsonNode source : o.path("sources")) {
                ev.add(new Evidence(source.asText(), o.path("evidence").asText("")));
            }
        } else {
            for (JsonNode e : o.path("evidence")) {
                ev.add(new Evidence(e.path("article_id").asText(), e.path("fact").asText("")));
            }
        }
        boolean factoid = !answers.isEmpty();
        String type = o.hasNonNull("question_type") ? o.get("question_type").asText()
                : ev.isEmpty() ? "null_query" : factoid ? FACTOID : "query";
        return new QaItem(o.path("id").asText("line-" + n), query,
                factoid ? answers.get(0) : o.path("answer").asText(""), type, ev, answers,
                factoid && o.hasNonNull("type") ? o.get("type").asText() : null);
    }
}
