package org.newsdesk.answer;

import java.util.Locale;

/**
 * What kind of answer a question asks for, read from its question word and the noun after it. The extractive
 * composer looks for a candidate of this kind in the retrieved sentences ({@link AnswerCandidates}).
 */
public enum AnswerType {
    /** who, whom, whose, which person / CEO / player ... */
    PERSON,
    /** which company / team / club / organisation ... */
    ORGANISATION,
    /** where, which city / country / town ... */
    PLACE,
    /** when, what date, which year ... */
    DATE,
    /** how much, what price / revenue / cost ... */
    MONEY,
    /** how big / long / fast, what percentage / share / size ... */
    QUANTITY,
    /** how many */
    COUNT,
    /** which / what name: a named thing (a product, a title, a film ...) */
    NAMED,
    /** does / did / is / was ...: comparison and temporal questions; the extractive composer never says yes or no */
    YES_NO,
    /** why / how / what happened: an explanation, no single short answer */
    OTHER;

    /** Lower-case name for JSON and reports ("person", "yes_no"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the answer is a name (a capitalised word sequence or a quoted title). */
    public boolean wantsName() {
        return this == PERSON || this == ORGANISATION || this == PLACE || this == NAMED;
    }

    /** Whether a short answer can be picked for this type. */
    public boolean hasShortAnswer() {
        return this != YES_NO && this != OTHER;
    }
}
