package dev.localkms.alias;

import java.util.Optional;

import dev.localkms.key.AliasLookup;
import org.springframework.stereotype.Component;

/** Lets key resolution follow aliases without depending on the alias feature. */
@Component
class AliasKeyLookup implements AliasLookup {

    private final AliasRepository aliases;

    AliasKeyLookup(AliasRepository aliases) {
        this.aliases = aliases;
    }

    @Override
    public Optional<String> keyIdOf(String accountId, String regionId, String aliasName) {
        return aliases.findByAccountIdAndRegionIdAndAliasName(accountId, regionId, aliasName)
                .map(AliasEntity::getKeyId);
    }
}
