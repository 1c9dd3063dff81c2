package org.newsdesk.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a migration script into statements the way SQLite's own {@code sqlite3_complete()} decides where one ends:
 * at a {@code ;} outside string literals, quoted identifiers and comments, and, inside {@code CREATE TRIGGER}, only
 * at the {@code ;} right after the body's {@code END}. A plain split on {@code ;} cut a trigger body or a literal
 * holding a semicolon in two. One pass over the text, no regular expressions.
 */
final class SqlStatements {
    private SqlStatements() {
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<String> words = new ArrayList<>(); // the statement's first words, and its last one
        String lastWord = "";
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            int end;
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                end = i + 1;
                while (end < n) {
                    if (script.charAt(end) == close) {
                        // '' inside a literal is an escaped quote, not its end
                        if (close != ']' && end + 1 < n && script.charAt(end + 1) == close) {
                            end += 2;
                            continue;
                        }
                        end++;
                        break;
                    }
                    end++;
                }
                lastWord = "";
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                end = i + 1;
                while (end < n && (Character.isLetterOrDigit(script.charAt(end)) || script.charAt(end) == '_')) {
                    end++;
                }
                lastWord = script.substring(i, end).toUpperCase(Locale.ROOT);
                if (words.size() < 3) {
                    words.add(lastWord);
                }
            } else if (c == ';') {
                if (!isTrigger(words) || lastWord.equals("END")) {
                    add(statements, current);
                    current.setLength(0);
                    words.clear();
                    lastWord = "";
                    i++;
                    continue;
                }
                end = i + 1;
                lastWord = "";
            } else {
                end = i + 1;
                if (!Character.isWhitespace(c)) {
                    lastWord = "";
                }
            }
            current.append(script, i, end);
            i = end;
        }
        add(statements, current);
        return statements;
    }

    /** CREATE [TEMP | TEMPORARY] TRIGGER ... */
    private static boolean isTrigger(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("CREATE")) {
            return false;
        }
        String second = words.get(1);
        return second.equals("TRIGGER")
                || ((second.equals("TEMP") || second.equals("TEMPORARY")) && words.size() > 2 && words.get(2).equals("TRIGGER"));
    }

    private static void add(List<String> statements, StringBuilder sql) {
        String s = sql.toString().strip();
        if (!s.isEmpty() && !onlyComments(s)) {
            statements.add(s);
        }
    }

    /** True when nothing but comments and white space is left. */
    private static boolean onlyComments(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int e = s.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int e = s.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else {
                return false;
            }
        }
        return true;
    }
}
