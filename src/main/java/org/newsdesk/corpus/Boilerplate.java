package org.newsdesk.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lines that scrapers copy from page furniture rather than from the article. Every rule must
 * match the whole line, so a real sentence that merely contains such words is never dropped.
 */
final class Boilerplate {
    private static final List<Pattern> LINE_RULES = compile(
            "loading(?:\\s*\\.+)?",
            "leave a (?:comment|reply)",
            "source link",
            "please enter your (?:comment|name|e-?mail(?: address)?|website)(?: here)?\\s*!?",
            "save my name, email, and website in this browser for the next time i comment\\.?",
            "you must be logged in to post a comment\\.?",
            "contact the (?:author|writer|reporter) at \\S+",
            "share (?:this|the) (?:article|story|post|page)",
            "share on (?:facebook|twitter|x|linkedin|whatsapp|telegram|vk|reddit|e-?mail)",
            "share|tweet|print|e-?mail",
            "(?:\\d+\\s+)?comments?",
            "subscribe(?: now| here| to (?:our|the) newsletter)?",
            "click here to [^.!?]{1,80}[.!]?",
            "read more\\s*(?:\\.{3}|…|»|>>?)?",
            "advertisement");

    /** "See also" introduces links to other articles; the headline list after it goes too. */
    private static final Pattern SEE_ALSO = Pattern.compile("see also:?", Pattern.CASE_INSENSITIVE);

    private Boilerplate() {
    }

    static boolean isBoilerplate(String line) {
        String text = line.strip();
        return LINE_RULES.stream().anyMatch(rule -> rule.matcher(text).matches());
    }

    static boolean isSeeAlso(String line) {
        return SEE_ALSO.matcher(line.strip()).matches();
    }

    private static List<Pattern> compile(String... regexes) {
        return Arrays.stream(regexes)
                .map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }
}
