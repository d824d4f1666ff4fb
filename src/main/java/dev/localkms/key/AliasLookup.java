package dev.localkms.key;

import java.util.Optional;

/** Finds the key an alias points to; the alias feature implements it, so keys need not know aliases. */
public interface AliasLookup {

    /** Returns the ID of the key that {@code aliasName} points to in the account and region. */
    Optional<String> keyIdOf(String accountId, String regionId, String aliasName);
}
