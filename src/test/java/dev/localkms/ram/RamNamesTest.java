package dev.localkms.ram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.localkms.error.KmsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RamNamesTest {

    private static final String DOCUMENT = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""";

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                rule("user name too long", RamNames::verifyUserName, "a".repeat(65),
                        "InvalidParameter.UserName.Length"),
                rule("user name with a space", RamNames::verifyUserName, "a b",
                        "InvalidParameter.UserName.InvalidChars"),
                rule("user name with a slash", RamNames::verifyUserName, "a/b",
                        "InvalidParameter.UserName.InvalidChars"),
                rule("display name too long", RamNames::verifyDisplayName, "a".repeat(129),
                        "InvalidParameter.DisplayName.Length"),
                rule("display name with a slash", RamNames::verifyDisplayName, "a/b",
                        "InvalidParameter.DisplayName.InvalidChars"),
                rule("comments too long", RamNames::verifyComments, "a".repeat(129),
                        "InvalidParameter.Comments.Length"),
                rule("mobile phone without country code", RamNames::verifyMobilePhone, "18600000000",
                        "InvalidParameter.MobilePhone.Format"),
                rule("email without domain", RamNames::verifyEmail, "alice@", "InvalidParameter.Email.Format"),
                rule("policy name too long", RamNames::verifyPolicyName, "a".repeat(129),
                        "InvalidParameter.PolicyName.Length"),
                rule("policy name with underscore", RamNames::verifyPolicyName, "a_b",
                        "InvalidParameter.PolicyName.InvalidChars"),
                rule("policy description too long", RamNames::verifyPolicyDescription, "a".repeat(1025),
                        "InvalidParameter.Description.Length"),
                rule("policy document too long", RamNames::verifyPolicyDocument,
                        DOCUMENT.replace("}]}", "}]" + " ".repeat(6145 - DOCUMENT.length()) + "}"),
                        "InvalidParameter.PolicyDocument.Length"),
                rule("policy document not JSON", RamNames::verifyPolicyDocument, "Allow everything",
                        "MalformedPolicyDocument"));
    }

    private static Arguments rule(String description, Consumer<String> check, String value, String code) {
        return Arguments.of(description, check, value, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValueHasRamCode(String description, Consumer<String> check, String value, String code) {
        KmsException error = catchThrowableOfType(KmsException.class, () -> check.accept(value));

        assertThat(error).as(description).isNotNull();
        assertThat(error.errorCode().code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a.b-c_d@example", "A1"})
    void validUserNamePasses(String userName) {
        assertThatNoException().isThrownBy(() -> RamNames.verifyUserName(userName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice Smith", "ops_team", "张三"})
    void validDisplayNamePasses(String displayName) {
        assertThatNoException().isThrownBy(() -> RamNames.verifyDisplayName(displayName));
    }

    @Test
    void policyDocumentLengthErrorNamesBothLengths() {
        String document = DOCUMENT.replace("}]}", "}]" + " ".repeat(6145 - DOCUMENT.length()) + "}");

        KmsException error = catchThrowableOfType(KmsException.class, () -> RamNames.verifyPolicyDocument(document));

        assertThat(error.getMessage()).isEqualTo(
                "The parameter - \"PolicyDocument\" beyond the length limit: it is 6145 characters long; the limit is 6144.");
    }

    @ParameterizedTest
    @ValueSource(ints = {6143, 6144})
    void policyDocumentUpToLimitPasses(int length) {
        String document = DOCUMENT.replace("}]}", "}]" + " ".repeat(length - DOCUMENT.length()) + "}");

        assertThat(document).hasSize(length);
        assertThatNoException().isThrownBy(() -> RamNames.verifyPolicyDocument(document));
    }
}
