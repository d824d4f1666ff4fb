package dev.localkms.ram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.localkms.auth.Caller;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.ram.policy.PolicyDocument;
import dev.localkms.support.TestKmsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the authorizer's modes and the denial it reports, with policies given in place. */
class AuthorizerTest {

    private static final String ACCOUNT = "1234567890123456";
    private static final String KEY = "acs:kms:cn-hangzhou:" + ACCOUNT + ":key/k1";
    private static final String ALIAS = "acs:kms:cn-hangzhou:" + ACCOUNT + ":alias/app";
    private static final PolicyDocument ALLOW_ON_KEY = PolicyDocument.parse("""
            {"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"%s"}]}""".formatted(KEY));
    private static final PolicyDocument DENY_CREATE_ALIAS = PolicyDocument.parse("""
            {"Version":"1","Statement":[{"Effect":"Deny","Action":"kms:CreateAlias","Resource":"*"}]}""");

    private static final Caller ROOT = new Caller(ACCOUNT, "cn-hangzhou", Caller.PrincipalType.ROOT, ACCOUNT, null,
            "LTAIRoot", true, "127.0.0.1", false);
    private static final Caller ALICE = new Caller(ACCOUNT, "cn-hangzhou", Caller.PrincipalType.RAM_USER, "2001",
            "alice", "LTAIAlice", true, "127.0.0.1", false);

    @Test
    void rootIsAllowedWithoutPolicies() {
        Authorizer authorizer = authorizer("enforce", List.of());

        assertThatCode(() -> authorizer.authorize(ROOT, "kms:CreateAlias", List.of(KEY, ALIAS)))
                .doesNotThrowAnyException();
    }

    @Test
    void userNeedsAllowOnEveryResource() {
        Authorizer authorizer = authorizer("enforce", List.of(ALLOW_ON_KEY));

        assertThatCode(() -> authorizer.authorize(ALICE, "kms:DescribeKey", List.of(KEY))).doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize(ALICE, "kms:CreateAlias", List.of(KEY, ALIAS)))
                .isInstanceOfSatisfying(KmsException.class, error -> {
                    assertThat(error.errorCode()).isEqualTo(ErrorCode.NO_PERMISSION);
                    assertThat(error.getMessage()).contains(ALIAS).contains("kms:CreateAlias").contains("ImplicitDeny");
                    assertThat(detail(error)).containsEntry("NoPermissionType", "ImplicitDeny")
                            .containsEntry("AuthAction", "kms:CreateAlias")
                            .containsEntry("AuthPrincipalType", "SubUser")
                            .containsEntry("AuthPrincipalDisplayName", "alice")
                            .containsEntry("AuthPrincipalOwnerId", ACCOUNT);
                });
    }

    @Test
    void explicitDenyIsReported() {
        Authorizer authorizer = authorizer("enforce", List.of(ALLOW_ON_KEY, DENY_CREATE_ALIAS));

        assertThatThrownBy(() -> authorizer.authorize(ALICE, "kms:CreateAlias", List.of(KEY)))
                .isInstanceOfSatisfying(KmsException.class,
                        error -> assertThat(detail(error)).containsEntry("NoPermissionType", "ExplicitDeny"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"soft", "off"})
    void softAndOffModesAllowDeniedCalls(String mode) {
        Authorizer authorizer = authorizer(mode, List.of(DENY_CREATE_ALIAS));

        assertThatCode(() -> authorizer.authorize(ALICE, "kms:CreateAlias", List.of(KEY, ALIAS)))
                .doesNotThrowAnyException();
    }

    @Test
    void ramDenialUsesTheGivenCode() {
        Authorizer authorizer = authorizer("enforce", List.of());

        assertThatThrownBy(() -> authorizer.authorize(ALICE, "ram:CreateUser", List.of("acs:ram:*:" + ACCOUNT + ":user/*"),
                ErrorCode.RAM_NO_PERMISSION))
                .isInstanceOfSatisfying(KmsException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.RAM_NO_PERMISSION));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(KmsException error) {
        return (Map<String, Object>) error.accessDeniedDetail();
    }

    private static Authorizer authorizer(String enforcement, List<PolicyDocument> policies) {
        UserPolicies userPolicies = (accountId, userId) -> policies;
        return new Authorizer(userPolicies, TestKmsProperties.with(Map.of("policy-enforcement", enforcement)),
                Clock.systemUTC());
    }
}
