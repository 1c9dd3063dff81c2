package org.newsdesk.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The schema.org article a page describes in a {@code <script type="application/ld+json">} block (news sites use
 * it for search engines): headline, date, publisher, author, URL. Fields are null when absent.
 */
record JsonLdArticle(String headline, String datePublished, String publisher, String author, String url) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ARTICLE_TYPES = Set.of("NewsArticle", "Article", "ReportageNewsArticle",
            "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting");
    private static final JsonLdArticle NONE = new JsonLdArticle(null, null, null, null, null);
    /** Nodes looked at per page at most: a hostile page cannot make the search long. */
    private static final int MAX_NODES = 10_000;

    static JsonLdArticle find(Document doc) {
        for (Element script : doc.select("script[type=application/ld+json]")) {
            JsonNode root;
            try {
                root = JSON.readTree(script.data());
            } catch (IOException e) {
                continue; // a broken block is common and harmless: the page's other metadata still counts
            }
            JsonNode article = findArticle(root);
            if (article != null) {
                return new JsonLdArticle(text(article.get("headline")), text(article.get("datePublished")),
                        name(article.get("publisher")), name(article.get("author")), url(article));
            }
        }
        return NONE;
    }

    /** Breadth-first over arrays, {@code @graph} and nested objects: the first node whose @type is an article. */
    private static JsonNode findArticle(JsonNode root) {
        Deque<JsonNode> queue = new ArrayDeque<>();
        queue.add(root);
        int seen = 0;
        while (!queue.isEmpty() && seen++ < MAX_NODES) {
            JsonNode node = queue.poll();
            if (node == null) {
                continue;
            }
            if (node.isObject() && isArticle(node.get("@type"))) {
                return node;
            }
            if (node.isContainerNode()) {
                node.forEach(queue::add);
            }
        }
        return null;
    }

    private static boolean isArticle(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.isTextual() && ARTICLE_TYPES.contains(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return type.isTextual() && ARTICLE_TYPES.contains(type.asText());
    }

    private static String url(JsonNode article) {
        String url = text(article.get("url"));
        if (url != null) {
            return url;
        }
        JsonNode page = article.get("mainEntityOfPage");
        if (page != null && page.isObject()) {
            return text(page.get("@id"));
        }
        return text(page);
    }

    /** A name given as a string, an object with "name", or a list of either (the first). */
    private static String name(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : name(node.get(0));
        }
        if (node.isObject()) {
            return text(node.get("name"));
        }
        return text(node);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? Text.blankToNull(Text.normalizeSpace(node.asText())) : null;
    }
}
