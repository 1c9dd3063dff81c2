package org.newsdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One JSON object a line, as the question and conversation files are written: blank lines are skipped, a line that
 * is not JSON or that {@code parse} rejects (with an {@link IllegalArgumentException} saying why) is reported to
 * {@code skipped} with the file and line, and the rest is read. A file with lines but nothing readable is an error.
 */
public final class JsonlFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonlFile() {
    }

    /**
     * @param parse    each line's object and its 1-based line number to an item
     * @param whatNone the end of the error when no line was readable ("a question (JSON with a 'query')")
     */
    public static <T> List<T> read(Path file, Consumer<String> skipped, BiFunction<JsonNode, Integer, T> parse,
                            String whatNone) throws IOException {
        List<T> items = new ArrayList<>();
        int bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = MAPPER.readTree(line);
                } catch (IOException e) {
                    bad++;
                    skipped.accept("skipped " + file + " line " + n + ": invalid JSON");
                    continue;
                }
                try {
                    items.add(parse.apply(o, n));
                } catch (IllegalArgumentException e) {
                    bad++;
                    skipped.accept("skipped " + file + " line " + n + ": " + e.getMessage());
                }
            }
        }
        if (items.isEmpty() && bad > 0) {
            throw new IOException(file + ": none of its " + bad + " lines is " + whatNone);
        }
        return items;
    }
}
