package org.newsdesk.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Thanks, greetings, "ok", a thumbs-up: a message made only of such words (in a few languages) or only of emoji and
 * punctuation is no question. It gets a short reply, without a search and without a cited passage, and it is not
 * remembered as a turn (so "thanks" between two questions does not break a follow-up).
 */
final class SmallTalk {
    private static final Set<String> THANKS = Set.copyOf(List.of("thanks", "thank", "thx", "ty", "tnx", "cheers",
            "merci", "danke", "gracias", "grazie", "obrigado", "obrigada", "dank", "bedankt", "спасибо", "дякую"));
    private static final Set<String> GREETINGS = Set.copyOf(List.of("hi", "hello", "hey", "hiya", "howdy", "morning",
            "evening", "hallo", "bonjour", "salut", "hola", "ciao", "привет", "здравствуйте", "servus", "moin"));
    private static final Set<String> BYE = Set.copyOf(List.of("bye", "goodbye", "cya", "later", "night", "tschüss",
            "tschuss", "adios", "adiós", "пока", "au", "revoir", "arrivederci"));
    /** Acknowledgements, and the filler words that go with the words above ("thank you so much", "good morning"). */
    private static final Set<String> FILLER = Set.copyOf(List.of("ok", "okay", "k", "kk", "okey", "cool", "great",
            "nice", "good", "awesome", "perfect", "fine", "sure", "alright", "wow", "lol", "yes", "yeah", "yep", "no",
            "nope", "got", "it", "you", "so", "much", "very", "a", "lot", "all", "again", "for", "that", "the", "info",
            "help", "see", "bot", "there", "super", "excellent", "understood", "noted", "d'accord", "gut", "bien",
            "muy", "vielen", "beaucoup", "mille", "many", "well", "done", "and", "oh", "ah", "hmm", "хорошо", "ок",
            "ладно", "большое", "bitte", "de", "rien", "np", "welcome", "genial", "top", "day", "have"));

    private SmallTalk() {
    }

    /** The reply to {@code message} when it is small talk; empty for anything that may be a question. */
    static Optional<String> reply(String message) {
        if (message == null || message.isBlank() || message.strip().length() > 60) {
            return Optional.empty();
        }
        List<MessageWords.Word> words = MessageWords.of(message);
        boolean thanks = false;
        boolean hello = false;
        boolean bye = false;
        int letters = 0;
        for (MessageWords.Word w : words) {
            if (w.emoji()) {
                continue;
            }
            letters++;
            String s = w.lower();
            if (THANKS.contains(s)) {
                thanks = true;
            } else if (GREETINGS.contains(s)) {
                hello = true;
            } else if (BYE.contains(s)) {
                bye = true;
            } else if (!FILLER.contains(s)) {
                return Optional.empty();
            }
        }
        if (letters == 0 && (hasLetterOrDigit(message) || message.contains("?"))) {
            // Letters the tokenizer kept no word of, or only question marks ("???"): not small talk; the caller
            // answers or asks for a question.
            return Optional.empty();
        }
        if (thanks) {
            return Optional.of("You're welcome! Ask me anything else about the news archive.");
        }
        if (bye) {
            return Optional.of("Goodbye! I'm here whenever you have another question.");
        }
        if (hello) {
            return Optional.of("Hello! Ask me a question about the news archive, e.g. \"What did Lavrov say about "
                    + "Syria?\"");
        }
        return Optional.of("👍 Ask me another question whenever you like.");
    }

    private static boolean hasLetterOrDigit(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** For tests and logs: whether {@code message} is small talk. */
    static boolean is(String message) {
        return reply(message).isPresent();
    }
}
