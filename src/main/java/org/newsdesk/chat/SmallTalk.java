package org.newsdesk.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Thanks, greetings, "ok", a thumbs-up: a message made only of such words (in a few languages) or only of emoji and
 * punctuation is no question. It gets a short reply, without a search and without a cited passage, and it is not
 * remembered as a turn (so "thanks" between two questions does not break a follow-up). A question about the bot
 * itself ("what can you do?", "help") is no question about the news either: it gets the help text.
 */
final class SmallTalk {
    /** What a message that is no question about the news is. */
    enum Kind { THANKS, BYE, HELLO, ACKNOWLEDGED, ABOUT_THE_BOT }

    /**
     * Questions about the bot, as their words (after any greeting: "hi, what can you do?"). Only ones that cannot be
     * about a topic of the conversation: "how does it work?" may ask about the previous answer's subject.
     */
    private static final Set<String> ABOUT_THE_BOT = Set.of("help", "help me", "can you help", "can you help me",
            "could you help me", "please help", "help please", "what can you do", "what do you do", "what are you",
            "who are you", "what are you for", "how do you work", "how does this work", "how does this bot work",
            "how do i use this", "how do i use you", "how do i use this bot", "how to use", "how to use this",
            "what can i ask", "what can i ask you", "what should i ask", "what should i ask you", "are you a bot",
            "what is this bot", "what bot is this", "commands", "menu", "start", "what do you know",
            "what do you know about", "how can you help", "how can you help me");
    /** Words before a question about the bot that do not change it. */
    private static final Set<String> LEADING = Set.of("hi", "hello", "hey", "bot", "ok", "okay", "so", "and", "please",
            "um", "hmm", "excuse", "me", "sorry");

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

    /** What {@code message} is when it is small talk or a question about the bot; empty for anything else. */
    static Optional<Kind> kind(String message) {
        if (message == null || message.isBlank() || message.strip().length() > 60) {
            return Optional.empty();
        }
        List<MessageWords.Word> words = MessageWords.of(message);
        if (ABOUT_THE_BOT.contains(MessageWords.phrase(words, LEADING))) {
            return Optional.of(Kind.ABOUT_THE_BOT);
        }
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
            return Optional.of(Kind.THANKS);
        }
        if (bye) {
            return Optional.of(Kind.BYE);
        }
        return Optional.of(hello ? Kind.HELLO : Kind.ACKNOWLEDGED);
    }

    /**
     * The short reply to small talk ({@link Kind#ABOUT_THE_BOT} gets the help text instead, from the caller);
     * {@code example} is a question this archive can answer.
     */
    static String reply(Kind kind, String example) {
        return switch (kind) {
            case THANKS -> "You're welcome! Ask me anything else about the news archive.";
            case BYE -> "Goodbye! I'm here whenever you have another question.";
            case HELLO, ABOUT_THE_BOT -> "Hello! Ask me a question about the news archive, e.g. " + example;
            case ACKNOWLEDGED -> "👍 Ask me another question whenever you like.";
        };
    }

    private static boolean hasLetterOrDigit(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** For tests and logs: whether {@code message} is small talk. */
    static boolean is(String message) {
        return kind(message).isPresent();
    }
}
