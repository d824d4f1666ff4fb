package dev.localkms.ram;

import java.util.List;

import dev.localkms.ram.policy.PolicyDocument;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the custom policies attached to a RAM user from the database. */
@Component
class StoredUserPolicies implements UserPolicies {

    private final JdbcTemplate jdbc;

    StoredUserPolicies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PolicyDocument> documentsFor(String accountId, String userId) {
        return jdbc.queryForList("""
                select p.policy_document from user_policy up
                join ram_policy p on p.account_id = ? and p.policy_name = up.policy_name
                where up.user_id = ? and up.policy_type = 'Custom'
                """, String.class, accountId, userId).stream().map(PolicyDocument::parse).toList();
    }
}
