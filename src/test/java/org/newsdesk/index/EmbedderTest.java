package org.newsdesk.index;

import dev.langchain4j.model.embedding.EmbeddingModel;
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
    void miniLmIsNoLongerShippedAndTheErrorSaysSo() {
        assertThatThrownBy(() -> Embedder.load(Embedder.MINILM, 2, 1, 2))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("all-minilm-l6-v2-q is no longer shipped")
                .hasMessageContaining(Embedder.BGE_SMALL);
    }

    private static final float PIN0 = 0.024769f, PIN1 = 0.025094f, PIN2 = -0.031280f, PIN383 = 0.019179f;

    @Test
    void bgeSmallGivesTheVectorsTheIndexesWereBuiltWith() {
        // LangChain4j's own class reads the same ONNX file, so the comparison above cannot see a changed model (a new
        // embeddings release): pin a few dimensions of one vector, taken from 1.20.0-beta30's bge-small-en-v1.5-q.
        float[] v = TestFixtures.embedder().embedQuery(TEXTS.get(0));
        assertThat(new float[] {v[0], v[1], v[2], v[383]})
                .containsExactly(new float[] {PIN0, PIN1, PIN2, PIN383}, within(1e-4f));
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
