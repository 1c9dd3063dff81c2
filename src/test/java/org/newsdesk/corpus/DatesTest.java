package org.newsdesk.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2023-11-27T08:45:59+00:00 | 2023-11-27
            2023-11-27T23:30:00-05:00 | 2023-11-27
            2023-11-27T08:45:59Z      | 2023-11-27
            2023-11-27T08:45:59       | 2023-11-27
            2023-11-27                | 2023-11-27
            November 27, 2023         | 2023-11-27
            Nov 27 2023               | 2023-11-27
            27 Nov. 2023              | 2023-11-27
            27th November, 2023       | 2023-11-27
            """)
    void parsesIsoAndMonthNameForms(String text, LocalDate expected) {
        assertThat(Dates.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"December 15", "2023-13-01", "Smarch 3, 2020", "yesterday", "Nov 27, 2023 at noon"})
    void otherTextIsNoDate(String text) {
        assertThat(Dates.parse(text)).isNull();
    }
}
