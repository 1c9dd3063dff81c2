package org.newsdesk.answer;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped language model is what {@link LanguageModelPruner} makes of OpenNLP's full one: the same languages and
 * the same predictions on the labelled questions. To regenerate it (after changing LANGUAGES):
 * {@code mvn -o -q test -Dtest=LanguageModelPrunerTest -Dnewsdesk.writeLanguageModel=src/main/resources/language/langdetect-news.bin}.
 */
class LanguageModelPrunerTest {
    @Test
    void theShippedModelIsTheFullOneWithTheListedLanguagesOnly() throws IOException {
        String write = System.getProperty("newsdesk.writeLanguageModel");
        if (write != null && !write.isBlank()) {
            LanguageModelPruner.main(new String[]{Path.of(write).toAbsolutePath().toString()});
        }
        LanguageDetectorModel full = LanguageModelPruner.full();
        ByteArrayOutputStream made = new ByteArrayOutputStream();
        LanguageModelPruner.prune(full, made);
        LanguageDetectorModel regenerated = new LanguageDetectorModel(new ByteArrayInputStream(made.toByteArray()));
        LanguageDetectorModel shipped;
        try (InputStream in = getClass().getResourceAsStream(QuestionLanguage.MODEL)) {
            assertThat(in).as(QuestionLanguage.MODEL).isNotNull();
            shipped = new LanguageDetectorModel(in);
        }
        LanguageDetectorME s = new LanguageDetectorME(shipped);
        LanguageDetectorME r = new LanguageDetectorME(regenerated);
        LanguageDetectorME f = new LanguageDetectorME(full);
        assertThat(Arrays.stream(s.getSupportedLanguages()).sorted().toList())
                .isEqualTo(LanguageModelPruner.LANGUAGES.stream().sorted().toList());

        List<String> questions;
        try (InputStream in = getClass().getResourceAsStream("/language/questions.tsv")) {
            questions = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).map(l -> l.split("\t", 2)[1]).toList();
        }
        int sameTopAsFull = 0;
        for (String q : questions) {
            Language[] shippedRanks = s.predictLanguages(q);
            Language[] regeneratedRanks = r.predictLanguages(q);
            assertThat(shippedRanks[0].getLang()).as(q).isEqualTo(regeneratedRanks[0].getLang());
            assertThat(shippedRanks[0].getConfidence()).as(q).isCloseTo(regeneratedRanks[0].getConfidence(),
                    org.assertj.core.data.Offset.offset(1e-9));
            // English relative to the top language is the full model's whenever the full model's top is kept
            Language top = f.predictLanguage(q);
            if (LanguageModelPruner.LANGUAGES.contains(top.getLang())) {
                sameTopAsFull += top.getLang().equals(shippedRanks[0].getLang()) ? 1 : 0;
                assertThat(ratio(shippedRanks)).as(q).isCloseTo(ratio(f.predictLanguages(q)),
                        org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        assertThat(sameTopAsFull).isPositive();
    }

    private static double ratio(Language[] ranked) {
        double english = Arrays.stream(ranked).filter(l -> l.getLang().equals("eng")).mapToDouble(Language::getConfidence)
                .findFirst().orElse(0);
        return english / ranked[0].getConfidence();
    }
}
