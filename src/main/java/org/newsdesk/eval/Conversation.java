package org.newsdesk.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One benchmark conversation ({@code ../shared/bench/README.md}, "Conversations"): its messages in order, each with
 * what a right reply holds.
 */
public record Conversation(String id, List<Turn> turns, String why) {
    /** What a right reply to a turn holds. */
    public enum Expect {
        /** An answered (not declined) reply holding one of {@link Turn#expectAny()}. */
        ANSWER,
        /** Small talk: no search, no cited passage. */
        NO_CITATION,
        /** Answered or declined, either is right. */
        ANY
    }

    public record Turn(String message, Expect expect, List<String> expectAny) {
        public Turn {
            expectAny = List.copyOf(expectAny);
        }
    }

    public Conversation {
        turns = List.copyOf(turns);
    }

    /**
     * Reads a JSONL file of conversations. A malformed line (not JSON, no turns, a turn without a message or with an
     * unknown expectation) is skipped and reported to {@code skipped} with the file and line; a file with lines but
     * no readable conversation is an error.
     */
    public static List<Conversation> read(Path file, Consumer<String> skipped) throws IOException {
        return JsonlFile.read(file, skipped, (o, n) -> parse(o, "line-" + n), "a conversation (JSON with 'turns', "
                + "each a 'message' with 'expect_any' or 'expect')");
    }

    static Conversation parse(JsonNode o, String defaultId) {
        JsonNode turns = o.path("turns");
        if (!turns.isArray() || turns.isEmpty()) {
            throw new IllegalArgumentException("no 'turns'");
        }
        List<Turn> list = new ArrayList<>();
        for (JsonNode t : turns) {
            String message = t.path("message").asText("");
            if (message.isBlank()) {
                throw new IllegalArgumentException("turn " + (list.size() + 1) + " has no 'message'");
            }
            List<String> any = new ArrayList<>();
            t.path("expect_any").forEach(a -> any.add(a.asText()));
            Expect expect;
            if (!any.isEmpty()) {
                expect = Expect.ANSWER;
            } else {
                String e = t.path("expect").asText("any");
                expect = switch (e) {
                    case "no-citation" -> Expect.NO_CITATION;
                    case "any" -> Expect.ANY;
                    default -> throw new IllegalArgumentException("turn " + (list.size() + 1) + ": unknown expect '"
                            + e + "' (no-citation, any, or an 'expect_any' list)");
                };
            }
            list.add(new Turn(message, expect, any));
        }
        return new Conversation(o.path("id").asText(defaultId), list, o.path("why").asText(""));
    }
}
