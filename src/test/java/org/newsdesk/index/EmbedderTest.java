package org.newsdesk.index;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.config.ConfigException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Our ONNX sessions must give the vectors LangChain4j's ready-made model classes give: only the threading differs. */
class EmbedderTest {
    private static final List<String> TEXTS = List.of(
            "Who was accused by prosecutors of committing fraud for personal gain, as reported by The Verge?",
            "Harbour reopens. The harbour in Tromsø reopened on Monday after the storm had closed it for three days; "
                    + "ferries to the islands run on the winter timetable until the end of the month.");

    @Test
    void bgeSmallGivesLangChain4jsVectorsWithAnyThreadSettings() {
        EmbeddingModel reference = new BgeSmallEnV15QuantizedEmbeddingModel();
        assertSameVectors(TestFixtures.embedder(), reference);
        try (Embedder onnxDefault = Embedder.load(Embedder.BGE_SMALL, 2, 0, 1)) {
            assertSameVectors(onnxDefault, reference);
        }
    }

    @Test
    void miniLmGivesLangChain4jsVectors() {
        try (Embedder miniLm = Embedder.load(Embedder.MINILM, 2, 1, 2)) {
            assertThat(miniLm.dimension()).isEqualTo(384);
            assertSameVectors(miniLm, new AllMiniLmL6V2QuantizedEmbeddingModel());
        }
    }

    @Test
    void anUnknownModelNamesTheSetting() {
        assertThatThrownBy(() -> Embedder.load("bge-large", 1, 1, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("index.embedding-model must be " + Embedder.BGE_SMALL)
                .hasMessageContaining("'bge-large'");
    }

    private static void assertSameVectors(Embedder embedder, EmbeddingModel reference) {
        // Batches run over the pool; the order of the results must still be the order of the texts.
        List<float[]> batch = embedder.embedAll(TEXTS);
        assertThat(batch).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] expected = reference.embed(TEXTS.get(i)).content().vector();
            float[] single = embedder.embedQuery(TEXTS.get(i));
            assertThat(single).hasSize(384);
            for (int d = 0; d < expected.length; d++) {
                assertThat(single[d]).as("text %d, dimension %d", i, d).isCloseTo(expected[d], within(1e-5f));
                assertThat(batch.get(i)[d]).as("batch text %d, dimension %d", i, d).isCloseTo(expected[d], within(1e-5f));
            }
        }
        // The two texts are about different things: a mix-up of the results would show.
        assertThat(dot(batch.get(0), batch.get(1))).isLessThan(0.9);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
