package org.newsdesk.text;

import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache OpenNLP's English part-of-speech tagger (Universal Dependencies tags: PROPN, NOUN, ADJ, VERB, NUM ...), with
 * the model that ships in the {@code opennlp-models-pos-en} artifact. Proper nouns, not capital letters, mark the
 * names of a question: "Australian" is an adjective, "MIT" a name, and a lower-case "canelo" one too.
 * The model is loaded once; each thread has its own tagger (OpenNLP's taggers are not thread-safe).
 */
public final class PartsOfSpeech {
    private static final String MODEL = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    private static final POSModel POS = load();
    private static final ThreadLocal<POSTaggerME> TAGGER = ThreadLocal.withInitial(() -> new POSTaggerME(POS));
    /** Longer texts are cut: a question is short, and tagging is linear but not free. */
    static final int MAX_TOKENS = 200;

    /** One token, where it stands in the text, and its tag. */
    public record Token(String text, int start, int end, String tag) {
        public boolean properNoun() {
            return tag.equals("PROPN");
        }

        public boolean noun() {
            return tag.equals("NOUN") || tag.equals("PROPN");
        }
    }

    private PartsOfSpeech() {
    }

    private static POSModel load() {
        try (InputStream in = PartsOfSpeech.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP part-of-speech model " + MODEL + " is not on the class path");
            }
            return new POSModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenNLP model " + MODEL, e);
        }
    }

    /** The text's tokens (OpenNLP's SimpleTokenizer: runs of letters, of digits, single other characters), tagged. */
    public static List<Token> tag(String text) {
        Span[] spans = SimpleTokenizer.INSTANCE.tokenizePos(text);
        int n = Math.min(spans.length, MAX_TOKENS);
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            words[i] = spans[i].getCoveredText(text).toString();
        }
        String[] tags = n == 0 ? new String[0] : TAGGER.get().tag(words);
        List<Token> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Token(words[i], spans[i].getStart(), spans[i].getEnd(), tags[i]));
        }
        return out;
    }
}
