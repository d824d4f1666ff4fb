package dev.localkms.common;

/** Helpers for error messages, which quote the caller's values without echoing huge ones back. */
public final class Messages {

    /** Maximum length of a value quoted whole in a message. */
    public static final int MAX_QUOTED_LENGTH = 128;

    private Messages() {
    }

    /** Returns {@code value}, cut to its first 128 characters with a note of its length when longer. */
    public static String abbreviate(String value) {
        if (value == null || value.length() <= MAX_QUOTED_LENGTH) {
            return value;
        }
        return value.substring(0, MAX_QUOTED_LENGTH) + "... (" + value.length() + " characters)";
    }
}
