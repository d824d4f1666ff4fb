package dev.localkms.ram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.localkms.ram.SystemPolicies.SystemPolicy;
import dev.localkms.ram.policy.PatternElement;
import dev.localkms.ram.policy.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SystemPoliciesTest {

    @Test
    void namesAreSorted() {
        assertThat(SystemPolicies.all()).extracting(SystemPolicy::name).containsExactly("AdministratorAccess",
                "AliyunKMSCryptoUserAccess", "AliyunKMSFullAccess", "AliyunKMSReadOnlyAccess", "AliyunRAMFullAccess",
                "AliyunRAMReadOnlyAccess");
    }

    @ParameterizedTest
    @CsvSource({
            "AdministratorAccess, ram:CreateUser, true",
            "AliyunKMSFullAccess, kms:DeleteAlias, true",
            "AliyunKMSFullAccess, ram:GetUser, false",
            "AliyunKMSReadOnlyAccess, kms:ListAliases, true",
            "AliyunKMSReadOnlyAccess, kms:DescribeKey, true",
            "AliyunKMSReadOnlyAccess, kms:CreateAlias, false",
            "AliyunKMSCryptoUserAccess, kms:GenerateDataKeyWithoutPlaintext, true",
            "AliyunKMSCryptoUserAccess, kms:Decrypt, true",
            "AliyunKMSCryptoUserAccess, kms:DeleteAlias, false",
            "AliyunRAMFullAccess, ram:DeletePolicy, true",
            "AliyunRAMReadOnlyAccess, ram:ListUsers, true",
            "AliyunRAMReadOnlyAccess, ram:CreateUser, false"})
    void allowsExpectedActions(String policyName, String action, boolean allowed) {
        List<Statement> statements = SystemPolicies.find(policyName).orElseThrow().parsed().statements();

        assertThat(statements).extracting(Statement::effect).containsOnly(Statement.Effect.ALLOW);
        assertThat(statements.stream().map(Statement::actions).anyMatch(actions -> actions.matches(action)))
                .isEqualTo(allowed);
        assertThat(statements.stream().map(Statement::resources).allMatch(SystemPoliciesTest::coversEverything))
                .isTrue();
    }

    private static boolean coversEverything(PatternElement resources) {
        return resources.matches("acs:kms:cn-hangzhou:1234567890123456:key/any");
    }

    @Test
    void unknownNameIsAbsent() {
        assertThat(SystemPolicies.find("ReadOnlyAccess")).isEmpty();
    }
}
