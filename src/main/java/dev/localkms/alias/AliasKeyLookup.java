package dev.localkms.alias;

import java.util.Optional;

import dev.localkms.key.AliasLookup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Lets key resolution follow aliases without depending on the alias feature. */
@Component
class AliasKeyLookup implements AliasLookup {

    private final JdbcTemplate jdbc;

    AliasKeyLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads only the key ID, with one SQL statement in the caller's transaction, if any. Every action that
     * takes a key through its alias calls this, and a JPA query took more CPU time than the statement.
     */
    @Override
    public Optional<String> keyIdOf(String accountId, String regionId, String aliasName) {
        return jdbc.queryForList("select key_id from kms_alias where account_id = ? and region_id = ? and alias_name = ?",
                String.class, accountId, regionId, aliasName).stream().findFirst();
    }
}
