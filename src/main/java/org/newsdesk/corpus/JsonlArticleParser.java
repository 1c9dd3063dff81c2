package org.newsdesk.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON Lines, one article per line with fields id, title, source, url, published, author
 * and body. A bad line is reported and skipped so that one broken record does not hide the rest.
 */
final class JsonlArticleParser {
    // FAIL_ON_TRAILING_TOKENS: a line holding two objects is an error, not its first object.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** @param problems one "line N: reason" per skipped line */
    record Result(List<Article> articles, List<String> problems) {
    }

    Result parse(String text) {
        List<Article> articles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        // Only \n (or \r\n) ends a record: JSON strings may hold U+2028, which \R would split on.
        String[] lines = text.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                Article article = article(lines[i]);
                Integer first = lineOfId.putIfAbsent(article.id(), lineNo);
                if (first != null) {
                    throw new CorpusException("duplicate id " + article.id() + " (first on line " + first + ")");
                }
                articles.add(article);
            } catch (CorpusException e) {
                problems.add("line " + lineNo + ": " + e.getMessage());
            }
        }
        return new Result(articles, problems);
    }

    private static Article article(String line) throws CorpusException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CorpusException("invalid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new CorpusException("not a JSON object");
        }
        String id = required(node, "id").strip();
        String title = Text.normalizeSpace(required(node, "title"));
        // The body is kept exactly as given (only trimmed): benchmark evidence quotes it verbatim.
        String body = required(node, "body").strip();
        Article article = new Article(id, title, optional(node, "source"), optional(node, "author"),
                optional(node, "url"), Dates.parse(optional(node, "published")), body, Hashes.articleHash(title, body));
        ArticleLimits.check(article);
        return article;
    }

    private static String required(JsonNode node, String field) throws CorpusException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new CorpusException("missing " + field);
        }
        if (!value.isTextual() && !(field.equals("id") && value.isIntegralNumber())) {
            throw new CorpusException(field + " is not a string");
        }
        if (value.asText().isBlank()) {
            throw new CorpusException("empty " + field);
        }
        return value.asText();
    }

    /** Null for a missing, null, non-string or blank field: these fields are informational. */
    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Text.blankToNull(value.asText()) : null;
    }
}
