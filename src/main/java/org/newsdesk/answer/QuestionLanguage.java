package org.newsdesk.answer;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The language a question is written in, so that a question the English archive cannot read as asked is translated
 * (with an LLM) or told so (without one). Apache OpenNLP's detector with its 103-language model
 * ({@code opennlp-models-langdetect}, in the jar: no network). A detector guesses badly on a few words and on names
 * ("Masha Lipman?", "Pedro Sánchez"), and the archive is English, so a question counts as English unless the
 * detector is clear: mostly in a non-Latin script, or at least {@link #MIN_LETTERS} letters with English's
 * probability under {@link #MAX_ENGLISH_RATIO} of the top language's. Figures: README, "Questions in other languages".
 */
public final class QuestionLanguage {
    private static final Logger log = LoggerFactory.getLogger(QuestionLanguage.class);
    /** The archive's language. */
    public static final String ARCHIVE = "en";
    /** Fewer letters than this (Latin script) is English: names and keywords ("Bitcoin price") fool the model. */
    static final int MIN_LETTERS = 15;
    /** A Latin-script question is another language only when English's probability is below this share of the top. */
    static final double MAX_ENGLISH_RATIO = 0.70;
    private static final String MODEL = "/langdetect-183.bin";

    /**
     * @param code      ISO 639-1 code ("de", "ru"; ISO 639-3 when the language has none), {@code en} for English
     * @param name      the language's English name ("German")
     * @param certainty how sure the detector is, 0..1: 1 − English's probability relative to the top language's
     *                  (1 for a non-Latin script); 0 for English
     */
    public record Detected(String code, String name, double certainty) {
        public static final Detected ENGLISH = new Detected(ARCHIVE, "English", 0);

        public boolean english() {
            return ARCHIVE.equals(code);
        }
    }

    private static final Map<String, String> ISO3_TO_ISO1 = new HashMap<>();

    static {
        for (String l : Locale.getISOLanguages()) {
            try {
                ISO3_TO_ISO1.put(new Locale(l).getISO3Language(), l);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code: not one the model knows
            }
        }
        ISO3_TO_ISO1.put("cmn", "zh"); // the model names Mandarin, not the macrolanguage
        ISO3_TO_ISO1.put("pes", "fa");
    }

    private final LanguageDetectorME detector;

    private QuestionLanguage(LanguageDetectorME detector) {
        this.detector = detector;
    }

    /** The detector, loaded once per process on first use (about 1–2 s and 36 MB of heap). */
    public static QuestionLanguage shared() {
        return Holder.INSTANCE;
    }

    /** Loads the detector on a background thread (at start-up, beside the embedding model), so no question waits. */
    public static void preload() {
        Thread t = new Thread(QuestionLanguage::shared, "language-detector-load");
        t.setDaemon(true);
        t.start();
    }

    private static final class Holder {
        static final QuestionLanguage INSTANCE = load();
    }

    private static QuestionLanguage load() {
        try (InputStream in = QuestionLanguage.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IOException(MODEL + " is not on the classpath");
            }
            return new QuestionLanguage(new LanguageDetectorME(new LanguageDetectorModel(in)));
        } catch (IOException | RuntimeException e) {
            // never a failed question: every question is then taken as English, as before detection existed
            log.warn("The language detector could not be loaded ({}); every question is taken as English", e.toString());
            return new QuestionLanguage(null);
        }
    }

    /** The question's language; English when short, uncertain, or when the detector could not be loaded. */
    public Detected detect(String question) {
        if (question == null || detector == null) {
            return Detected.ENGLISH;
        }
        int letters = 0;
        int latin = 0;
        for (int i = 0; i < question.length(); ) {
            int c = question.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                    latin++;
                }
            }
        }
        boolean otherScript = latin * 2 < letters;
        if (letters == 0 || !otherScript && letters < MIN_LETTERS) {
            return Detected.ENGLISH; // too little to tell, and no model work
        }
        Language[] ranked;
        synchronized (detector) { // LanguageDetectorME is not thread-safe; a call takes well under a millisecond
            ranked = detector.predictLanguages(question);
        }
        if (ranked.length == 0 || "eng".equals(ranked[0].getLang())) {
            return Detected.ENGLISH;
        }
        double top = ranked[0].getConfidence();
        double english = 0;
        for (Language l : ranked) {
            if ("eng".equals(l.getLang())) {
                english = l.getConfidence();
                break;
            }
        }
        double ratio = top <= 0 ? 1 : english / top;
        if (!otherScript && ratio >= MAX_ENGLISH_RATIO) {
            return Detected.ENGLISH;
        }
        String code = ISO3_TO_ISO1.getOrDefault(ranked[0].getLang(), ranked[0].getLang());
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return new Detected(code, name.isBlank() || name.equals(code) ? code : name, otherScript ? 1 : 1 - ratio);
    }
}
