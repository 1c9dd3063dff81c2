package org.newsdesk.answer;

import opennlp.tools.langdetect.LanguageDetectorFactory;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the language model the jar ships ({@code src/main/resources/language/langdetect-news.bin}) from OpenNLP's
 * 103-language {@code langdetect-183.bin} (Maven Central: {@code opennlp-models-langdetect} 1.3.0, Apache License
 * 2.0; a test dependency), keeping the weights of {@link #LANGUAGES} only: 3.0 MB instead of 10.6 MB. Dropping a
 * language's weights leaves the others' scores as they were, so English's probability relative to the top language,
 * which {@link QuestionLanguage} judges by, is unchanged whenever the top language is kept. Regenerate with
 * {@code LanguageModelPrunerTest} (see its comment); the test checks that the shipped file is what this class makes.
 */
public final class LanguageModelPruner {
    /** ISO 639-3 codes as the model names them: English and the languages readers most likely write in. */
    public static final List<String> LANGUAGES = List.of("eng", "deu", "fra", "spa", "ita", "por", "nld", "pol", "ces",
            "swe", "dan", "nob", "fin", "hun", "ron", "ell", "bul", "rus", "ukr", "tur", "ara", "heb", "hin", "cmn",
            "jpn", "kor", "vie", "ind");
    static final String FULL_MODEL = "/langdetect-183.bin";

    private LanguageModelPruner() {
    }

    /** The full model from the test classpath. */
    static LanguageDetectorModel full() throws IOException {
        try (InputStream in = LanguageModelPruner.class.getResourceAsStream(FULL_MODEL)) {
            if (in == null) {
                throw new IOException(FULL_MODEL + " is not on the classpath (opennlp-models-langdetect)");
            }
            return new LanguageDetectorModel(in);
        }
    }

    /** {@code full} with the weights of {@link #LANGUAGES} only, written to {@code out}. */
    static void prune(LanguageDetectorModel full, OutputStream out) throws IOException {
        Object[] data = ((AbstractModel) full.getMaxentModel()).getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> predicates = (Map<String, Context>) data[1];
        String[] outcomes = (String[]) data[2];
        int[] renumbered = new int[outcomes.length];
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            renumbered[i] = LANGUAGES.contains(outcomes[i]) ? kept.size() : -1;
            if (renumbered[i] >= 0) {
                kept.add(outcomes[i]);
            }
        }
        List<String> names = new ArrayList<>();
        List<Context> contexts = new ArrayList<>();
        // sorted, so that the same input gives the same file
        for (Map.Entry<String, Context> e : new TreeMap<>(predicates).entrySet()) {
            int[] o = e.getValue().getOutcomes();
            double[] p = e.getValue().getParameters();
            List<Integer> keptOutcomes = new ArrayList<>();
            List<Double> keptParams = new ArrayList<>();
            for (int i = 0; i < o.length; i++) {
                if (renumbered[o[i]] >= 0 && p[i] != 0) {
                    keptOutcomes.add(renumbered[o[i]]);
                    keptParams.add(p[i]);
                }
            }
            if (!keptOutcomes.isEmpty()) {
                names.add(e.getKey());
                contexts.add(new Context(keptOutcomes.stream().mapToInt(Integer::intValue).toArray(),
                        keptParams.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        GISModel model = new GISModel(contexts.toArray(new Context[0]), names.toArray(new String[0]),
                kept.toArray(new String[0]));
        Map<String, String> manifest = new HashMap<>();
        manifest.put("Derived-From", "opennlp-models-langdetect 1.3.0 langdetect-183.bin (Apache License 2.0), "
                + "weights of " + kept.size() + " languages kept");
        new LanguageDetectorModel(model, manifest, new LanguageDetectorFactory()).serialize(out);
    }

    /** Writes the pruned model to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            prune(full(), out);
        }
    }
}
