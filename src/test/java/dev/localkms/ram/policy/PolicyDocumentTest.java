package dev.localkms.ram.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyDocumentTest {

    private static final String KEY = "acs:kms:cn-hangzhou:123456:key/key-id-1";
    private static final String ALIAS = "acs:kms:cn-hangzhou:123456:alias/alias-example";

    @Test
    void parsesStatementList() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Version": "1", "Statement": [
                  {"Sid": "AllowAlias", "Effect": "Allow", "Action": ["kms:CreateAlias", "kms:UpdateAlias"],
                   "Resource": ["%s", "%s"]},
                  {"Effect": "Deny", "NotAction": "kms:List*", "NotResource": "%s",
                   "Condition": {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.0.1"]},
                                 "Bool": {"acs:SecureTransport": true}}}
                ]}""".formatted(KEY, ALIAS, ALIAS));

        Statement allow = policy.statements().get(0);
        Statement deny = policy.statements().get(1);
        assertThat(policy.version()).isEqualTo("1");
        assertThat(policy.statements()).hasSize(2);
        assertThat(allow.sid()).isEqualTo("AllowAlias");
        assertThat(allow.effect()).isEqualTo(Statement.Effect.ALLOW);
        assertThat(allow.actions())
                .isEqualTo(new PatternElement(List.of("kms:CreateAlias", "kms:UpdateAlias"), false, true));
        assertThat(allow.resources()).isEqualTo(new PatternElement(List.of(KEY, ALIAS), false, false));
        assertThat(allow.conditions()).isEmpty();
        assertThat(deny.sid()).isNull();
        assertThat(deny.effect()).isEqualTo(Statement.Effect.DENY);
        assertThat(deny.actions()).isEqualTo(new PatternElement(List.of("kms:List*"), true, true));
        assertThat(deny.resources()).isEqualTo(new PatternElement(List.of(ALIAS), true, false));
        assertThat(deny.conditions()).extracting(Condition::operator)
                .containsExactly(ConditionOperator.IP_ADDRESS, ConditionOperator.BOOL);
        assertThat(deny.conditions()).extracting(Condition::key)
                .containsExactly("acs:SourceIp", "acs:SecureTransport");
        assertThat(deny.conditions().get(0).listedValues()).hasSize(2);
    }

    @Test
    void parsesSingleStatementObject() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}, "Version": "1"}""");

        assertThat(policy.statements()).hasSize(1);
        assertThat(policy.statements().get(0).actions().patterns()).containsExactly("*");
        assertThat(policy.statements().get(0).resources().patterns()).containsExactly("*");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Principal | {\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Principal\": {\"RAM\": [\"acs:ram::123456:root\"]}}]}",
        "Conditon | {\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kms:*\", \"Resource\": \"*\", \"Conditon\": {}}]}",
        "Statements | {\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kms:*\", \"Resource\": \"*\"}], \"Statements\": []}"
    })
    void rejectsUnknownElement(String element, String json) {
        KmsException error = catchThrowableOfType(KmsException.class, () -> PolicyDocument.parse(json));

        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo(ErrorCode.MALFORMED_POLICY_DOCUMENT);
        assertThat(error.getMessage()).contains("\"" + element + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDocuments")
    void rejectsMalformedDocument(String problem, String json, String expectedMessagePart) {
        KmsException error = catchThrowableOfType(KmsException.class, () -> PolicyDocument.parse(json));

        assertThat(error).as("exception for: %s", problem).isNotNull();
        assertThat(error.errorCode()).isEqualTo(ErrorCode.MALFORMED_POLICY_DOCUMENT);
        assertThat(error.getMessage()).contains(expectedMessagePart);
    }

    static Stream<Arguments> malformedDocuments() {
        return Stream.of(
                Arguments.of("null text", null, "is empty"),
                Arguments.of("blank text", "  ", "is empty"),
                Arguments.of("not JSON", "Version=1", "is not valid JSON"),
                Arguments.of("truncated JSON", "{\"Version\": \"1\", \"Statement\": [", "is not valid JSON"),
                Arguments.of("trailing content", "{\"Version\": \"1\"} {}", "is not valid JSON"),
                Arguments.of("JSON array", "[]", "must be a JSON object"),
                Arguments.of("JSON string", "\"policy\"", "must be a JSON object"),
                Arguments.of("duplicate element", """
                        {"Version": "1", "Version": "1", "Statement": []}""", "Duplicate"),
                Arguments.of("missing Version", """
                        {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""",
                        "is missing the Version element"),
                Arguments.of("AWS Version", statementsWithVersion("\"2012-10-17\""),
                        "Version must be \"1\", not \"2012-10-17\""),
                Arguments.of("numeric Version", statementsWithVersion("1"), "Version must be \"1\", not 1"),
                Arguments.of("missing Statement", "{\"Version\": \"1\"}", "is missing the Statement element"),
                Arguments.of("empty Statement list", "{\"Version\": \"1\", \"Statement\": []}",
                        "Statement element is empty"),
                Arguments.of("Statement string", "{\"Version\": \"1\", \"Statement\": \"Allow\"}",
                        "must be an object or a list of objects"),
                Arguments.of("Statement list of strings", "{\"Version\": \"1\", \"Statement\": [\"Allow\"]}",
                        "Statement 1 must be a JSON object"),
                Arguments.of("missing Effect", statement("\"Action\": \"*\", \"Resource\": \"*\""),
                        "Statement 1 is missing the Effect element"),
                Arguments.of("lower-case Effect",
                        statement("\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\""),
                        "must be \"Allow\" or \"Deny\", not \"allow\""),
                Arguments.of("unknown Effect",
                        statement("\"Effect\": \"Permit\", \"Action\": \"*\", \"Resource\": \"*\""),
                        "must be \"Allow\" or \"Deny\", not \"Permit\""),
                Arguments.of("Effect list",
                        statement("\"Effect\": [\"Allow\"], \"Action\": \"*\", \"Resource\": \"*\""),
                        "must be \"Allow\" or \"Deny\""),
                Arguments.of("missing Action", statement("\"Effect\": \"Allow\", \"Resource\": \"*\""),
                        "Add an Action or NotAction element to the policy statement."),
                Arguments.of("Action and NotAction", statement(
                        "\"Effect\": \"Allow\", \"Action\": \"*\", \"NotAction\": \"kms:Get*\", \"Resource\": \"*\""),
                        "Statement 1 has both Action and NotAction"),
                Arguments.of("missing Resource", statement("\"Effect\": \"Allow\", \"Action\": \"*\""),
                        "Add a Resource or NotResource element to the policy statement."),
                Arguments.of("Resource and NotResource", statement(
                        "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"NotResource\": \"*\""),
                        "Statement 1 has both Resource and NotResource"),
                Arguments.of("empty Action list",
                        statement("\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\""),
                        "The Action element of statement 1 must be a string or a non-empty list of strings"),
                Arguments.of("numeric Action", statement("\"Effect\": \"Allow\", \"Action\": 1, \"Resource\": \"*\""),
                        "The Action element of statement 1"),
                Arguments.of("Resource list with object", statement(
                        "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": [\"*\", {}]"),
                        "The Resource element of statement 1"),
                Arguments.of("NotResource object", statement(
                        "\"Effect\": \"Allow\", \"Action\": \"*\", \"NotResource\": {}"),
                        "The NotResource element of statement 1"),
                Arguments.of("numeric Sid",
                        statement("\"Sid\": 1, \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\""),
                        "The Sid of statement 1 must be a string"),
                Arguments.of("error in second statement", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                          {"Effect": "Deny", "Action": "*"}]}""",
                        "Add a Resource or NotResource element"),
                Arguments.of("Condition list",
                        withCondition("[]"), "The Condition element of statement 1 must be a JSON object"),
                Arguments.of("unknown operator", withCondition("{\"StringEqual\": {\"acs:SourceIp\": \"10.0.0.1\"}}"),
                        "unknown condition operator \"StringEqual\""),
                Arguments.of("operator in wrong case",
                        withCondition("{\"stringequals\": {\"acs:SourceIp\": \"10.0.0.1\"}}"),
                        "unknown condition operator \"stringequals\""),
                Arguments.of("operator block not an object", withCondition("{\"StringEquals\": \"10.0.0.1\"}"),
                        "The StringEquals block of statement 1 must be a JSON object"),
                Arguments.of("object value",
                        withCondition("{\"StringEquals\": {\"acs:SourceIp\": {\"ip\": \"10.0.0.1\"}}}"),
                        "The value of acs:SourceIp under StringEquals in statement 1 must be a string, number"),
                Arguments.of("null value", withCondition("{\"StringEquals\": {\"acs:SourceIp\": null}}"),
                        "must be a string, number or boolean"),
                Arguments.of("empty value list", withCondition("{\"StringEquals\": {\"acs:SourceIp\": []}}"),
                        "or a non-empty list of them"),
                Arguments.of("nested value list",
                        withCondition("{\"StringEquals\": {\"acs:SourceIp\": [[\"10.0.0.1\"]]}}"),
                        "must be a string, number or boolean"),
                Arguments.of("text for a number", withCondition("{\"NumericLessThan\": {\"kms:Count\": \"ten\"}}"),
                        "NumericLessThan needs numeric values, not \"ten\""),
                Arguments.of("date without offset", withCondition(
                        "{\"DateLessThan\": {\"acs:CurrentTime\": \"2019-08-12T17:00:00\"}}"),
                        "DateLessThan needs ISO-8601 date-time"),
                Arguments.of("fractional epoch seconds", withCondition(
                        "{\"DateLessThan\": {\"acs:CurrentTime\": 1565600400.5}}"),
                        "The value of acs:CurrentTime in statement 1 is invalid"),
                Arguments.of("Bool text", withCondition("{\"Bool\": {\"acs:SecureTransport\": \"yes\"}}"),
                        "Bool needs \"true\" or \"false\" values, not \"yes\""),
                Arguments.of("Bool number", withCondition("{\"Bool\": {\"acs:SecureTransport\": 1}}"),
                        "Bool needs \"true\" or \"false\" values"),
                Arguments.of("host name for IpAddress",
                        withCondition("{\"IpAddress\": {\"acs:SourceIp\": \"localhost\"}}"),
                        "IpAddress needs IP address or CIDR block values, not \"localhost\""),
                Arguments.of("prefix too long",
                        withCondition("{\"NotIpAddress\": {\"acs:SourceIp\": [\"10.0.0.0/33\"]}}"),
                        "NotIpAddress needs IP address or CIDR block values, not \"10.0.0.0/33\""));
    }

    private static String statementsWithVersion(String version) {
        return """
                {"Version": %s, "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"""
                .formatted(version);
    }

    private static String statement(String elements) {
        return "{\"Version\": \"1\", \"Statement\": [{" + elements + "}]}";
    }

    private static String withCondition(String conditionBlock) {
        return statement(
                "\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": " + conditionBlock);
    }
}
