package org.newsdesk.answer;

import org.newsdesk.search.SearchRequest;

import java.util.function.Function;

/**
 * A question in another language asked on its own (the {@code ask} command, an inline query): with an LLM,
 * translated into English for the search, answered and checked in English, and the answer translated back
 * ({@link LlmComposer#inLanguageOf}); without one, or when the translation fails, {@link RecognisedWords}. The chat
 * does the same with its conversation (chat/ConversationalAnswerer).
 */
public final class OtherLanguageQuestion {
    private OtherLanguageQuestion() {
    }

    /**
     * @param language the question's language, not English
     * @param request  the search request for an English query (size, mode, the chat's sources)
     */
    public static Answer answer(AnswerService answers, String question, QuestionLanguage.Detected language,
                                Function<String, SearchRequest> request) {
        LlmComposer llm = answers.composer() instanceof LlmComposer l ? l : null;
        String english = llm == null ? null : llm.translateQuery(question, language.name());
        if (english == null || english.equalsIgnoreCase(question.strip())) {
            return RecognisedWords.answer(answers, question, language, request);
        }
        return llm.inLanguageOf(answers.ask(request.apply(english), english), question);
    }
}
