package org.newsdesk.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * "Tell me more", "more", "go on", "more details": a request for what the previous answer left out, not a question of
 * its own (alone it would search for the word "more"). Recognised by its words, exactly; the previous answer's quoted
 * sentences are read back from its text so that the next reply can leave their passages out.
 */
final class MoreRequest {
    private static final Set<String> PHRASES = Set.of("more", "tell me more", "more please", "please tell me more",
            "go on", "continue", "more details", "details", "more detail", "more info", "more information",
            "elaborate", "please elaborate", "say more", "keep going", "and more", "what more", "tell me more about it",
            "can you tell me more", "could you tell me more", "anything more");
    /** Words before such a request that do not change it ("ok, tell me more", "thanks, more please"). */
    private static final Set<String> LEADING = Set.of("ok", "okay", "thanks", "thank", "you", "great", "cool", "nice",
            "interesting", "hmm", "so", "and", "please", "yes", "yeah", "wow");
    /** Quoted sentences shorter than this say too little to recognise their passage by. */
    private static final int MIN_SENTENCE_CHARS = 25;

    private MoreRequest() {
    }

    static boolean is(String message) {
        if (message == null || message.strip().length() > 60) {
            return false;
        }
        return PHRASES.contains(MessageWords.phrase(MessageWords.of(message), LEADING));
    }

    /**
     * The sentences an answer quoted: its text split at the citation markers ("… [1] … [2]"), without an opening
     * "about:" line or a short answer before " — ", each long enough to find its passage by.
     */
    static List<String> quotedSentences(String answer) {
        List<String> out = new ArrayList<>();
        if (answer == null) {
            return out;
        }
        int start = 0;
        int i = 0;
        while (i < answer.length()) {
            if (answer.charAt(i) == '[') {
                int j = i + 1;
                while (j < answer.length() && Character.isDigit(answer.charAt(j))) {
                    j++;
                }
                if (j > i + 1 && j < answer.length() && answer.charAt(j) == ']') {
                    add(out, answer.substring(start, i));
                    start = j + 1;
                    i = j + 1;
                    continue;
                }
            }
            i++;
        }
        return out;
    }

    /**
     * The answers of the question being continued: the last turn's, and while the turns are "more" requests, each
     * before it up to the question they continued (oldest turn first in {@code history}).
     */
    static List<String> chainAnswers(List<org.newsdesk.store.TurnStore.Turn> history) {
        List<String> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            org.newsdesk.store.TurnStore.Turn t = history.get(i);
            out.add(t.answer());
            if (!is(t.question())) {
                break;
            }
        }
        return out;
    }

    /** Whether the passage holds one of the quoted sentences (spaces and line breaks compared as one space). */
    static boolean quotes(String passage, List<String> quoted) {
        if (quoted.isEmpty() || passage == null) {
            return false;
        }
        StringBuilder flat = new StringBuilder(passage.length());
        boolean space = false;
        for (int i = 0; i < passage.length(); i++) {
            char c = passage.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && !flat.isEmpty()) {
                flat.append(' ');
            }
            space = false;
            flat.append(c);
        }
        String text = flat.toString();
        return quoted.stream().anyMatch(text::contains);
    }

    private static void add(List<String> out, String segment) {
        String s = segment.strip();
        int line = s.lastIndexOf('\n');
        s = line >= 0 ? s.substring(line + 1).strip() : s;
        int dash = s.indexOf(" — ");
        if (dash >= 0 && dash < 60) {
            s = s.substring(dash + 3).strip(); // "£99 — <the sentence>": the sentence
        }
        if (s.length() >= MIN_SENTENCE_CHARS) {
            out.add(s);
        }
    }
}
