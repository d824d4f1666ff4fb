package dev.localkms.seed;

/** A seed file that cannot be loaded, with the file, the entry and the rule it breaks in the message. */
public class SeedFileException extends RuntimeException {

    private final String location;
    private final String entry;

    /**
     * Creates the error.
     *
     * @param location the file as configured, such as {@code /etc/kms/seed.yml}
     * @param entry the entry's path in the file, such as {@code accounts[0].users[1]}, or empty for the whole file
     * @param rule what is wrong
     */
    public SeedFileException(String location, String entry, String rule, Throwable cause) {
        super(entry.isEmpty()
                ? "Seed file %s is invalid: %s".formatted(location, rule)
                : "Seed file %s is invalid at %s: %s".formatted(location, entry, rule), cause);
        this.location = location;
        this.entry = entry;
    }

    public String location() {
        return location;
    }

    /** Returns the path of the entry in the file, or an empty string when the error concerns the whole file. */
    public String entry() {
        return entry;
    }
}
