package org.newsdesk.search;

import java.util.Arrays;
import java.util.Locale;

/**
 * A passage's distinct words as sorted 64-bit hashes, for the near-duplicate collapse: every pooled candidate of
 * every question gets one, so they are made in one pass without a string per word, and two of them are compared by
 * a merge. Words are the runs of ASCII letters, digits and underscores of the lower-cased text (regex \\w); two
 * different words share a hash with odds of about 2^-64 per pair, which at worst merges two passages that share
 * 80 % of their words minus one.
 */
public final class WordHashes {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Word sets with a Jaccard similarity of at least this are near-duplicates (syndicated copies). */
    static final double NEAR_DUPLICATE = 0.8;

    private WordHashes() {
    }

    /** The sorted distinct hashes of the text's words. */
    public static long[] of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long[] out = new long[16];
        int n = 0;
        long h = FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                h = (h ^ c) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = h;
                h = FNV_OFFSET;
                inWord = false;
            }
        }
        Arrays.sort(out, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || out[distinct - 1] != out[i]) {
                out[distinct++] = out[i];
            }
        }
        return Arrays.copyOf(out, distinct);
    }

    /** The hash {@link #of} gives one (lower-case) word. */
    static long hash(String word) {
        long h = FNV_OFFSET;
        for (int i = 0; i < word.length(); i++) {
            h = (h ^ word.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    /** Word sets with a Jaccard similarity of at least {@link #NEAR_DUPLICATE}; two empty ones are equal. */
    public static boolean nearDuplicate(long[] a, long[] b) {
        // The similarity is at most the ratio of the sizes: most pairs are told apart without comparing words.
        if (Math.min(a.length, b.length) < NEAR_DUPLICATE * Math.max(a.length, b.length)) {
            return false;
        }
        if (a.length == 0 && b.length == 0) {
            return true;
        }
        int inter = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                inter++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) inter / (a.length + b.length - inter) >= NEAR_DUPLICATE;
    }
}
