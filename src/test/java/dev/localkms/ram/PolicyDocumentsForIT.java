package dev.localkms.ram;

import static dev.localkms.sdk.TeaKmsDriver.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.aliyun.ram20150501.models.GetUserRequest;
import dev.localkms.ram.policy.PolicyDocument;
import dev.localkms.ram.policy.Statement;
import dev.localkms.sdk.RamClients;
import dev.localkms.support.SeededIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PolicyDocumentsForIT extends SeededIntegrationTest {

    @Autowired
    private RamPolicyService policies;

    private String userId(SeededUser user) {
        return call(() -> RamClients.client(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, false)
                .getUser(new GetUserRequest().setUserName(user.name()))).getBody().getUser().getUserId();
    }

    @Test
    void returnsSystemAndCustomDocuments() {
        List<PolicyDocument> documents = policies.documentsFor(ACCOUNT_A, userId(ALLOW_DENY_USER));

        assertThat(documents).hasSize(2);
        assertThat(documents).flatExtracting(PolicyDocument::statements).extracting(Statement::effect)
                .containsExactlyInAnyOrder(Statement.Effect.ALLOW, Statement.Effect.DENY);
    }

    @Test
    void userWithoutPoliciesHasNone() {
        assertThat(policies.documentsFor(ACCOUNT_A, userId(NO_POLICY_USER))).isEmpty();
    }

    @Test
    void userOfAnotherAccountHasNone() {
        assertThat(policies.documentsFor(ACCOUNT_B, userId(ALLOW_DENY_USER))).isEmpty();
    }
}
