package dev.localkms.logscan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds any of a set of secrets in text in one pass: each window of {@value #MIN_LENGTH} characters is
 * looked up among the secrets' prefixes, and only candidates are compared in full. Secrets shorter than
 * {@value #MIN_LENGTH} characters are skipped, because they occur in ordinary text by chance.
 */
final class SecretScanner {

    static final int MIN_LENGTH = 8;

    /** A secret found in the text, with its position. */
    record Finding(String secret, int offset) {

        /** Returns the secret with most of it hidden, so that a failure message does not repeat it. */
        String masked() {
            return secret.substring(0, 3) + "*".repeat(secret.length() - 3) + " (" + secret.length() + " characters)";
        }
    }

    private final Map<String, List<String>> secretsByPrefix = new HashMap<>();

    SecretScanner(Iterable<String> secrets) {
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_LENGTH) {
                secretsByPrefix.computeIfAbsent(secret.substring(0, MIN_LENGTH), prefix -> new ArrayList<>()).add(secret);
            }
        }
    }

    /** Returns the number of secrets long enough to be searched for. */
    int size() {
        return secretsByPrefix.values().stream().mapToInt(List::size).sum();
    }

    /** Returns every occurrence of a secret in {@code text}. */
    List<Finding> scan(CharSequence text) {
        List<Finding> findings = new ArrayList<>();
        String content = text.toString();
        for (int offset = 0; offset + MIN_LENGTH <= content.length(); offset++) {
            List<String> candidates = secretsByPrefix.get(content.substring(offset, offset + MIN_LENGTH));
            if (candidates == null) {
                continue;
            }
            for (String candidate : candidates) {
                if (content.startsWith(candidate, offset)) {
                    findings.add(new Finding(candidate, offset));
                }
            }
        }
        return findings;
    }
}
