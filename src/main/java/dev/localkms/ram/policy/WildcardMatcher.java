package dev.localkms.ram.policy;

/**
 * Matcher for the policy wildcards: {@code *} stands for any run of characters, including none,
 * and {@code ?} for exactly one character. There is no escape character, because Alibaba Cloud documents none.
 */
final class WildcardMatcher {

    private WildcardMatcher() {
    }

    /** Returns whether {@code text} matches {@code pattern} as a whole. */
    static boolean matches(String pattern, String text, boolean ignoreCase) {
        // A greedy scan that, on a mismatch, backtracks only to the last '*' seen. Its time is bounded
        // by pattern length times text length, whereas a regular expression built from the pattern
        // can backtrack far longer on patterns with many stars.
        int patternIndex = 0;
        int textIndex = 0;
        int lastStar = -1;
        int textIndexAtLastStar = 0;
        while (textIndex < text.length()) {
            if (patternIndex < pattern.length() && pattern.charAt(patternIndex) == '*') {
                lastStar = patternIndex;
                textIndexAtLastStar = textIndex;
                patternIndex++;
            } else if (patternIndex < pattern.length()
                    && (pattern.charAt(patternIndex) == '?'
                            || pattern.regionMatches(ignoreCase, patternIndex, text, textIndex, 1))) {
                patternIndex++;
                textIndex++;
            } else if (lastStar >= 0) {
                // Let the last '*' absorb one more character and retry the rest of the pattern.
                patternIndex = lastStar + 1;
                textIndexAtLastStar++;
                textIndex = textIndexAtLastStar;
            } else {
                return false;
            }
        }
        while (patternIndex < pattern.length() && pattern.charAt(patternIndex) == '*') {
            patternIndex++;
        }
        return patternIndex == pattern.length();
    }
}
