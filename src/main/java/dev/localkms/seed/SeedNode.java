package dev.localkms.seed;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A mapping read from the seed YAML, with its path in the file. It rejects unknown fields and wrong types. */
final class SeedNode {

    private final Map<?, ?> values;
    private final String path;

    private SeedNode(Map<?, ?> values, String path) {
        this.values = values;
        this.path = path;
    }

    /**
     * Returns {@code value} as a mapping that may contain only {@code fields}.
     *
     * @throws InvalidEntryException when it is not a mapping or has another field
     */
    static SeedNode mapping(Object value, String path, Set<String> fields) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidEntryException(path, "expected a mapping of " + String.join(", ", sorted(fields))
                    + ", found " + describe(value));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String name) || !fields.contains(name)) {
                throw new InvalidEntryException(path, "unknown field \"%s\". The allowed fields are %s"
                        .formatted(key, String.join(", ", sorted(fields))));
            }
        }
        return new SeedNode(map, path);
    }

    String path() {
        return path;
    }

    /** Returns the path of one field, such as {@code accounts[0].id}. */
    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Returns the raw value of a field, or null when it is absent. */
    Object raw(String field) {
        return values.get(field);
    }

    /** Returns a text field, which must be present and not empty. Integers are read as their digits. */
    String requiredText(String field) {
        return optionalText(field)
                .orElseThrow(() -> new InvalidEntryException(path, "missing field \"" + field + "\""));
    }

    /** Returns a text field, or empty when it is absent. Integers are read as their digits. */
    Optional<String> optionalText(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            if (text.isEmpty()) {
                throw new InvalidEntryException(pathOf(field), "must not be empty");
            }
            return Optional.of(text);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return Optional.of(value.toString());
        }
        throw new InvalidEntryException(pathOf(field), "expected text, found " + describe(value)
                + ". Put the value in quotes.");
    }

    /** Returns the entries of a list field as mappings that may contain only {@code fields}, or none when absent. */
    List<SeedNode> list(String field, Set<String> fields) {
        Object value = values.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new InvalidEntryException(pathOf(field), "expected a list, found " + describe(value));
        }
        List<SeedNode> nodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            nodes.add(mapping(items.get(i), pathOf(field) + "[" + i + "]", fields));
        }
        return nodes;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String text) {
            return "the text \"" + text + "\"";
        }
        return "the " + value.getClass().getSimpleName().toLowerCase() + " " + value;
    }

    private static Set<String> sorted(Set<String> fields) {
        return new TreeSet<>(fields);
    }

    /** An entry of the seed file that breaks a rule. The loader adds the file's location to the message. */
    static class InvalidEntryException extends RuntimeException {

        private final String entry;
        private final String rule;

        InvalidEntryException(String entry, String rule) {
            super(entry + ": " + rule, null, false, false);
            this.entry = entry;
            this.rule = rule;
        }

        String entry() {
            return entry;
        }

        String rule() {
            return rule;
        }
    }
}
