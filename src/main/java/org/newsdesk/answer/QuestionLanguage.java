package org.newsdesk.answer;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language a question is written in, so that a question the English archive cannot read as asked is translated
 * (with an LLM) or told so (without one). Apache OpenNLP's detector with its 103-language model
 * ({@code opennlp-models-langdetect}) cut to the weights of 28 languages (3.0 MB instead of 10.6 MB in the jar; the
 * other languages' weights do not change these 28's scores), a resource of the jar: no network. A detector guesses badly on a few words and on names
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
    /** OpenNLP's 103-language model with 28 languages' weights kept (see LanguageModelPruner in the tests). */
    static final String MODEL = "/language/langdetect-news.bin";

    /**
     * @param code      ISO 639-1 code ("de", "ru"; ISO 639-3 when the language has none), {@code en} for English,
     *                  {@code und} for a script the model has no language of
     * @param name      the language's English name ("German"), or the script's ("Thai", "Georgian")
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
    /** The model's languages written in a script other than Latin (ISO 639-1). */
    private static final Map<Character.UnicodeScript, List<String>> SCRIPT_LANGUAGES = Map.of(
            Character.UnicodeScript.CYRILLIC, List.of("ru", "uk", "bg"),
            Character.UnicodeScript.GREEK, List.of("el"),
            Character.UnicodeScript.ARABIC, List.of("ar"),
            Character.UnicodeScript.HEBREW, List.of("he"),
            Character.UnicodeScript.DEVANAGARI, List.of("hi"),
            Character.UnicodeScript.HAN, List.of("zh", "ja"),
            Character.UnicodeScript.HIRAGANA, List.of("ja"),
            Character.UnicodeScript.KATAKANA, List.of("ja"),
            Character.UnicodeScript.HANGUL, List.of("ko"));

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

    /** The detector, loaded once per process on first use (under a second and about 16 MB of heap). */
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
        java.util.EnumMap<Character.UnicodeScript, Integer> scripts = new java.util.EnumMap<>(Character.UnicodeScript.class);
        for (int i = 0; i < question.length(); ) {
            int c = question.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                letters++;
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                scripts.merge(script, 1, Integer::sum);
                if (script == Character.UnicodeScript.LATIN) {
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
        if (otherScript) {
            Character.UnicodeScript script = scripts.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse(Character.UnicodeScript.UNKNOWN);
            if (!SCRIPT_LANGUAGES.getOrDefault(script, List.of()).contains(code)) {
                // a script none of the model's languages is written in (Thai, Georgian, Tamil ...): the model's
                // guess would be a wrong name; the script's is closer ("this Thai question")
                String n = script.name().charAt(0) + script.name().substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
                return new Detected("und", n, 1);
            }
        }
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return new Detected(code, name.isBlank() || name.equals(code) ? code : name, otherScript ? 1 : 1 - ratio);
    }
}
