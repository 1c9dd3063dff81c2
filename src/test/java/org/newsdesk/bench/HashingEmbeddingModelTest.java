package org.newsdesk.bench;

import org.junit.jupiter.api.Test;
import org.newsdesk.index.Embedder;

import static org.assertj.core.api.Assertions.assertThat;

class HashingEmbeddingModelTest {
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(384, 3);

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    @Test
    void vectorsAreUnitLengthAndDeterministic() {
        float[] v = model.vector("Kerry met Lavrov in Geneva to talk about Syria.");
        assertThat(v).hasSize(384);
        assertThat(dot(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(new HashingEmbeddingModel(384, 3).vector("Kerry met Lavrov in Geneva to talk about Syria."))
                .containsExactly(v);
        assertThat(dot(model.vector(""), model.vector(""))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void textsSharingTermsAreCloserThanUnrelatedOnes() {
        float[] a = model.vector("the storm hit the Florida coast and thousands lost power");
        float[] b = model.vector("thousands in Florida lost power when the storm hit");
        float[] c = model.vector("Apple unveiled a new phone at its Cupertino event");
        assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.3);
        // case does not matter, the seed does
        assertThat(model.vector("STORM Florida")).containsExactly(model.vector("storm florida"));
        assertThat(new HashingEmbeddingModel(384, 4).vector("storm florida")).isNotEqualTo(model.vector("storm florida"));
    }

    @Test
    void servesAsTheProductsEmbedder() {
        Embedder e = Embedder.of("hashing-384", model);
        assertThat(e.dimension()).isEqualTo(384);
        assertThat(e.embedQuery("storm florida")).containsExactly(model.vector("storm florida"));
        assertThat(e.embedAll(java.util.List.of("a b", "c d"))).hasSize(2);
        e.close();
    }
}
