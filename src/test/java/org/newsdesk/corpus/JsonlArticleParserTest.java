package org.newsdesk.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JsonlArticleParserTest {
    /** The MultiHop-RAG benchmark corpus, beside the project as ../shared (absent on some machines). */
    private static final Path BENCH_CORPUS = Path.of("../shared/bench/multihop-rag/corpus/corpus.jsonl");

    private final JsonlArticleParser parser = new JsonlArticleParser();

    @Test
    void readsAllFieldsOfALine() {
        JsonlArticleParser.Result result = parser.parse("""
                {"id": "mh-0001", "title": " Deals  of the day ", "source": "Mashable", "url": "https://mashable.com/a", \
                "published": "2023-11-27T23:45:59-05:00", "category": "entertainment", "author": "Jo Doe", \
                "body": "  First paragraph.\\n\\nSecond\\u00a0paragraph.\\ufeff "}
                """);
        assertThat(result.problems()).isEmpty();
        assertThat(result.articles()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("mh-0001");
            assertThat(a.title()).isEqualTo("Deals of the day");
            assertThat(a.source()).isEqualTo("Mashable");
            assertThat(a.url()).isEqualTo("https://mashable.com/a");
            // the date as written in its own offset, not shifted to UTC
            assertThat(a.published()).isEqualTo(LocalDate.of(2023, 11, 27));
            assertThat(a.author()).isEqualTo("Jo Doe");
            // kept verbatim apart from the outer whitespace: benchmark facts quote bodies exactly
            assertThat(a.body()).isEqualTo("First paragraph.\n\nSecond\u00a0paragraph.\ufeff");
        });
    }

    @Test
    void optionalFieldsMayBeMissingNullOrEmpty() {
        JsonlArticleParser.Result result = parser.parse("""
                {"id": "a", "title": "T", "body": "B", "author": null, "published": "2023-11-27"}
                {"id": 7, "title": "T", "body": "B", "author": "", "source": 3, "published": "soon"}
                """);
        assertThat(result.problems()).isEmpty();
        assertThat(result.articles()).extracting(Article::id, Article::author, Article::source, Article::published)
                .containsExactly(
                        tuple("a", null, null, LocalDate.of(2023, 11, 27)),
                        tuple("7", null, null, null));
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndTheRestIsKept() {
        JsonlArticleParser.Result result = parser.parse("""
                {"id": "ok-1", "title": "T", "body": "B"}
                {"id": "broken", "title": "T", "body": "B"
                {"title": "T", "body": "B"}
                {"id": "x", "body": "B"}
                {"id": "y", "title": "T", "body": "   "}

                {"id": "z", "title": ["T"], "body": "B"}
                [1, 2]
                {"id": "ok-1", "title": "again", "body": "B"}
                {"id": "two", "title": "T", "body": "B"} {"id": "objects"}
                {"id": "ok-2", "title": "T", "body": "B"}
                """);
        assertThat(result.articles()).extracting(Article::id).containsExactly("ok-1", "ok-2");
        assertThat(result.problems()).hasSize(8);
        assertThat(result.problems().get(0)).startsWith("line 2: invalid JSON: ");
        assertThat(result.problems().subList(1, 7)).containsExactly(
                "line 3: missing id",
                "line 4: missing title",
                "line 5: empty body",
                "line 7: title is not a string",
                "line 8: not a JSON object",
                "line 9: duplicate id ok-1 (first on line 1)");
        assertThat(result.problems().get(7)).startsWith("line 10: invalid JSON: ");
    }

    @Test
    void theWholeBenchmarkCorpusParsesCleanlyAndQuickly() throws Exception {
        assumeTrue(Files.isRegularFile(BENCH_CORPUS), "benchmark corpus not present: " + BENCH_CORPUS);
        String text = Files.readString(BENCH_CORPUS, StandardCharsets.UTF_8);

        long start = System.nanoTime();
        JsonlArticleParser.Result result = parser.parse(text);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.problems()).isEmpty();
        assertThat(result.articles()).hasSize(609);
        // A guard against quadratic parsing (minutes), not a speed measurement (that is bench's job): 3 s failed
        // at 5.0 s on a machine running five builds.
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        Set<String> ids = result.articles().stream().map(Article::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(609).contains("mh-0001", "mh-0609");
        assertThat(result.articles()).allSatisfy(a -> {
            assertThat(a.title()).isNotBlank();
            assertThat(a.source()).isNotBlank();
            assertThat(a.url()).startsWith("http");
            assertThat(a.published()).isBetween(LocalDate.of(2023, 9, 26), LocalDate.of(2023, 12, 25));
        });
    }

    @Test
    void anImmenseOrInvisibleIdOrOversizedFieldSkipsOnlyItsLine() {
        String longId = "x".repeat(40_000);
        JsonlArticleParser.Result result = parser.parse(String.join("\n",
                "{\"id\": \"ok-1\", \"title\": \"Fine\", \"body\": \"Kept.\"}",
                "{\"id\": \"" + longId + "\", \"title\": \"T\", \"body\": \"B.\"}",
                "{\"id\": \"a\\u202eb\", \"title\": \"T\", \"body\": \"B.\"}",
                "{\"id\": \"a\\nb\", \"title\": \"T\", \"body\": \"B.\"}",
                "{\"id\": \"s\", \"title\": \"T\", \"source\": \"" + "o".repeat(40_000) + "\", \"body\": \"B.\"}",
                "{\"id\": \"u\", \"title\": \"T\", \"url\": \"https://x/" + "p".repeat(5_000) + "\", \"body\": \"B.\"}",
                "{\"id\": \"ok-2\", \"title\": \"Also fine\", \"body\": \"Kept too.\"}"));
        assertThat(result.articles()).extracting(Article::id).containsExactly("ok-1", "ok-2");
        assertThat(result.problems()).containsExactly(
                "line 2: id is 40000 characters long; the limit is " + ArticleLimits.MAX_ID_CHARS,
                "line 3: id contains a control or invisible character (U+202E at 1)",
                "line 4: id contains a control or invisible character (U+000A at 1)",
                "line 5: source is 40000 characters long; the limit is " + ArticleLimits.MAX_SOURCE_CHARS,
                "line 6: url is 5010 characters long; the limit is " + ArticleLimits.MAX_URL_CHARS);
    }
}
