package dev.localkms.alias;

import java.util.regex.Pattern;

import dev.localkms.error.KmsException;

/**
 * The alias name rule: {@code alias/} followed by 1 to 255 letters, digits, {@code _}, {@code -} or
 * {@code /}, not starting with the reserved {@code alias/acs}. Names are case-sensitive.
 */
public final class AliasNames {

    static final String PREFIX = "alias/";
    static final String RESERVED_PREFIX = "alias/acs";
    static final int MAX_SUFFIX_LENGTH = 255;
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_/-]+");

    private AliasNames() {
    }

    /** Checks {@code aliasName} against the rule, naming the value and the broken part in the error. */
    public static void verify(String aliasName) {
        if (!aliasName.startsWith(PREFIX)) {
            throw KmsException.invalidParameter("AliasName", aliasName, "must start with \"alias/\"");
        }
        String suffix = aliasName.substring(PREFIX.length());
        if (suffix.isEmpty()) {
            throw KmsException.invalidParameter("AliasName", aliasName,
                    "needs 1 to 255 characters after \"alias/\"");
        }
        if (suffix.length() > MAX_SUFFIX_LENGTH) {
            throw KmsException.invalidParameter("AliasName", abbreviate(aliasName),
                    "has %d characters after \"alias/\"; the limit is 255".formatted(suffix.length()));
        }
        if (!SUFFIX.matcher(suffix).matches()) {
            throw KmsException.invalidParameter("AliasName", aliasName,
                    "may contain only letters, digits, \"_\", \"-\" and \"/\" after \"alias/\"");
        }
        if (aliasName.startsWith(RESERVED_PREFIX)) {
            throw KmsException.invalidParameter("AliasName", aliasName,
                    "starts with \"alias/acs\", which is reserved for Alibaba Cloud services");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
