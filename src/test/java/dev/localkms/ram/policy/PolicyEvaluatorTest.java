package dev.localkms.ram.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localkms.ram.policy.Decision.Effect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {

    private static final String KEY_1 = "acs:kms:cn-hangzhou:123456:key/key-id-1";
    private static final String KEY_2 = "acs:kms:cn-hangzhou:123456:key/key-id-2";
    private static final String KEY_3 = "acs:kms:cn-hangzhou:123456:key/key-id-3";
    private static final String ALIAS = "acs:kms:cn-hangzhou:123456:alias/alias-example";
    private static final String OTHER_ALIAS = "acs:kms:cn-hangzhou:123456:alias/alias-other";
    private static final String ALIAS_CONTAINER = "acs:kms:cn-hangzhou:123456:alias";

    /** Request from inside 192.168.1.0/24 over HTTPS, an hour before 2019-08-12T17:00:00+08:00. */
    private static final RequestContext CONTEXT =
            new RequestContext("192.168.1.10", Instant.parse("2019-08-12T08:00:00Z"), true);

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleStatementCases")
    void evaluatesSingleStatement(String description, String statement, String action, String resource,
            Effect expected) {
        Decision decision = evaluate(List.of(policy(statement)), action, List.of(resource), CONTEXT);

        assertThat(decision.effect()).isEqualTo(expected);
    }

    static Stream<Arguments> singleStatementCases() {
        return Stream.of(
                Arguments.of("Action string matches", allow("\"kms:CreateAlias\"", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.ALLOW),
                Arguments.of("Action string differs", allow("\"kms:DeleteAlias\"", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("Action list contains", allow("[\"kms:DeleteAlias\", \"kms:CreateAlias\"]", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.ALLOW),
                Arguments.of("Action list lacks", allow("[\"kms:DeleteAlias\", \"kms:UpdateAlias\"]", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("NotAction string excludes other action",
                        statement("Allow", "\"NotAction\": \"kms:DeleteAlias\", \"Resource\": \"*\""),
                        "kms:CreateAlias", KEY_1, Effect.ALLOW),
                Arguments.of("NotAction string excludes this action",
                        statement("Allow", "\"NotAction\": \"kms:CreateAlias\", \"Resource\": \"*\""),
                        "kms:CreateAlias", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("NotAction list excludes this action",
                        statement("Allow", "\"NotAction\": [\"kms:Delete*\", \"kms:Create*\"], \"Resource\": \"*\""),
                        "kms:CreateAlias", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("NotAction list excludes other actions",
                        statement("Allow", "\"NotAction\": [\"kms:Delete*\", \"ram:*\"], \"Resource\": \"*\""),
                        "kms:CreateAlias", KEY_1, Effect.ALLOW),
                Arguments.of("Resource string matches", allow("\"kms:*\"", quoted(KEY_1)),
                        "kms:DescribeKey", KEY_1, Effect.ALLOW),
                Arguments.of("Resource string differs", allow("\"kms:*\"", quoted(KEY_2)),
                        "kms:DescribeKey", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("Resource list contains", allow("\"kms:*\"", jsonList(KEY_2, KEY_1)),
                        "kms:DescribeKey", KEY_1, Effect.ALLOW),
                Arguments.of("Resource list lacks", allow("\"kms:*\"", jsonList(KEY_2, KEY_3)),
                        "kms:DescribeKey", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("NotResource string excludes other key",
                        statement("Allow", "\"Action\": \"kms:*\", \"NotResource\": " + quoted(KEY_2)),
                        "kms:DescribeKey", KEY_1, Effect.ALLOW),
                Arguments.of("NotResource string excludes this key",
                        statement("Allow", "\"Action\": \"kms:*\", \"NotResource\": " + quoted(KEY_1)),
                        "kms:DescribeKey", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("NotResource list excludes this key",
                        statement("Allow", "\"Action\": \"kms:*\", \"NotResource\": " + jsonList(KEY_2, KEY_1)),
                        "kms:DescribeKey", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("Action and Resource star", allow("\"*\"", "\"*\""),
                        "ram:CreateUser", "acs:ram::123456:user/alice", Effect.ALLOW),
                Arguments.of("Action is case-insensitive", allow("\"KMS:createalias\"", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.ALLOW),
                Arguments.of("Resource is case-sensitive",
                        allow("\"kms:*\"", "\"acs:kms:cn-hangzhou:123456:alias/Alias-Example\""),
                        "kms:DeleteAlias", ALIAS, Effect.IMPLICIT_DENY),
                Arguments.of("Action star suffix", allow("\"kms:List*\"", "\"*\""),
                        "kms:ListAliasesByKeyId", KEY_1, Effect.ALLOW),
                Arguments.of("Action star suffix, other action", allow("\"kms:List*\"", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("Action star inside", allow("\"kms:*Alias\"", "\"*\""),
                        "kms:UpdateAlias", KEY_1, Effect.ALLOW),
                Arguments.of("Action question mark", allow("\"kms:?reateAlias\"", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.ALLOW),
                Arguments.of("Action question mark needs one character", allow("\"kms:?CreateAlias\"", "\"*\""),
                        "kms:CreateAlias", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("Resource star for every key", allow("\"kms:*\"", "\"acs:kms:cn-hangzhou:123456:key/*\""),
                        "kms:DescribeKey", KEY_2, Effect.ALLOW),
                Arguments.of("Resource star for every region", allow("\"kms:*\"", "\"acs:kms:*:123456:key/key-id-1\""),
                        "kms:DescribeKey", KEY_1, Effect.ALLOW),
                Arguments.of("Resource star for other account", allow("\"kms:*\"", "\"acs:kms:*:654321:*\""),
                        "kms:DescribeKey", KEY_1, Effect.IMPLICIT_DENY),
                Arguments.of("Resource question mark",
                        allow("\"kms:*\"", "\"acs:kms:cn-hangzhou:123456:key/key-id-?\""),
                        "kms:DescribeKey", KEY_3, Effect.ALLOW),
                Arguments.of("Resource question mark, longer ID",
                        allow("\"kms:*\"", "\"acs:kms:cn-hangzhou:123456:key/key-id-?\""),
                        "kms:DescribeKey", KEY_1 + "0", Effect.IMPLICIT_DENY),
                Arguments.of("Deny alone", statement("Deny", "\"Action\": \"kms:*\", \"Resource\": \"*\""),
                        "kms:CreateAlias", KEY_1, Effect.EXPLICIT_DENY),
                Arguments.of("Deny with NotAction",
                        statement("Deny", "\"NotAction\": \"kms:List*\", \"Resource\": \"*\""),
                        "kms:CreateAlias", KEY_1, Effect.EXPLICIT_DENY),
                Arguments.of("Deny of another action",
                        statement("Deny", "\"Action\": \"kms:DeleteAlias\", \"Resource\": \"*\""),
                        "kms:CreateAlias", KEY_1, Effect.IMPLICIT_DENY));
    }

    @Test
    void deniesWithoutPolicies() {
        Decision decision = evaluate(List.of(), "kms:ListAliases", List.of(ALIAS_CONTAINER), CONTEXT);

        assertThat(decision.effect()).isEqualTo(Effect.IMPLICIT_DENY);
        assertThat(decision.deniedResource()).isEqualTo(ALIAS_CONTAINER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denyOverAllowCases")
    void explicitDenyWinsOverAllow(String description, List<PolicyDocument> policies) {
        Decision decision = evaluate(policies, "kms:CreateAlias", List.of(KEY_1, ALIAS), CONTEXT);

        assertThat(decision.effect()).isEqualTo(Effect.EXPLICIT_DENY);
        assertThat(decision.deniedResource()).isEqualTo(ALIAS);
        assertThat(decision.denyingStatement().sid()).isEqualTo("DenyAliases");
    }

    static Stream<Arguments> denyOverAllowCases() {
        String allowAll = allow("\"*\"", "\"*\"");
        String denyAliases = """
                {"Sid": "DenyAliases", "Effect": "Deny", "Action": "kms:*Alias*",
                 "Resource": "acs:kms:*:*:alias/*"}""";
        return Stream.of(
                Arguments.of("Allow first, same policy", List.of(policy(allowAll + ", " + denyAliases))),
                Arguments.of("Deny first, same policy", List.of(policy(denyAliases + ", " + allowAll))),
                Arguments.of("separate policies", List.of(policy(allowAll), policy(denyAliases))),
                Arguments.of("exact Allow on both resources", List.of(
                        policy(allow("\"kms:CreateAlias\"", jsonList(KEY_1, ALIAS))),
                        policy(denyAliases))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiResourceCases")
    void needsEveryResourceAllowed(String description, String statements, List<String> resources,
            Effect expectedEffect, String expectedDeniedResource) {
        Decision decision = evaluate(List.of(policy(statements)), "kms:UpdateAlias", resources, CONTEXT);

        assertThat(decision.effect()).isEqualTo(expectedEffect);
        assertThat(decision.deniedResource()).isEqualTo(expectedDeniedResource);
    }

    static Stream<Arguments> multiResourceCases() {
        List<String> update = List.of(ALIAS, KEY_1, KEY_2);
        return Stream.of(
                Arguments.of("all three allowed", allow("\"kms:UpdateAlias\"",
                        jsonList(ALIAS, KEY_1, KEY_2)),
                        update, Effect.ALLOW, null),
                Arguments.of("all allowed by separate statements", allow("\"kms:UpdateAlias\"", quoted(ALIAS)) + ", "
                        + allow("\"kms:UpdateAlias\"", "\"acs:kms:cn-hangzhou:123456:key/*\""),
                        update, Effect.ALLOW, null),
                Arguments.of("new key not allowed", allow("\"kms:UpdateAlias\"",
                        jsonList(ALIAS, KEY_1)),
                        update, Effect.IMPLICIT_DENY, KEY_2),
                Arguments.of("alias not allowed", allow("\"kms:UpdateAlias\"", "\"acs:kms:*:*:key/*\""),
                        update, Effect.IMPLICIT_DENY, ALIAS),
                Arguments.of("first of two missing allows is reported", allow("\"kms:UpdateAlias\"", quoted(KEY_1)),
                        update, Effect.IMPLICIT_DENY, ALIAS),
                Arguments.of("one key explicitly denied", allow("\"*\"", "\"*\"") + ", "
                        + statement("Deny", "\"Action\": \"*\", \"Resource\": " + quoted(KEY_2)),
                        update, Effect.EXPLICIT_DENY, KEY_2),
                Arguments.of("explicit deny wins over an earlier implicit deny",
                        allow("\"kms:UpdateAlias\"", quoted(KEY_1)) + ", "
                        + statement("Deny", "\"Action\": \"*\", \"Resource\": " + quoted(KEY_2)),
                        update, Effect.EXPLICIT_DENY, KEY_2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditionCases")
    void appliesConditions(String description, String statements, RequestContext context, Effect expected) {
        Decision decision = evaluate(List.of(policy(statements)), "kms:CreateAlias", List.of(KEY_1, ALIAS), context);

        assertThat(decision.effect()).isEqualTo(expected);
    }

    static Stream<Arguments> conditionCases() {
        Instant before = Instant.parse("2019-08-12T08:59:59Z");
        Instant after = Instant.parse("2019-08-12T09:00:00Z");
        String allowAll = allow("\"*\"", "\"*\"");
        return Stream.of(
                Arguments.of("IpAddress inside range",
                        allowIf("{\"IpAddress\": {\"acs:SourceIp\": \"192.168.1.0/24\"}}"),
                        context("192.168.1.10", before, true), Effect.ALLOW),
                Arguments.of("IpAddress outside range",
                        allowIf("{\"IpAddress\": {\"acs:SourceIp\": \"192.168.1.0/24\"}}"),
                        context("10.0.0.1", before, true), Effect.IMPLICIT_DENY),
                Arguments.of("IPv6 source", allowIf("{\"IpAddress\": {\"acs:SourceIp\": \"2001:db8::/32\"}}"),
                        context("2001:db8::7", before, true), Effect.ALLOW),
                Arguments.of("values are ORed", allowIf(
                        "{\"IpAddress\": {\"acs:SourceIp\": [\"10.0.0.0/8\", \"192.168.1.0/24\"]}}"),
                        context("10.1.1.1", before, true), Effect.ALLOW),
                Arguments.of("key is case-insensitive",
                        allowIf("{\"IpAddress\": {\"ACS:SOURCEIP\": \"192.168.1.0/24\"}}"),
                        context("192.168.1.10", before, true), Effect.ALLOW),
                Arguments.of("before the deadline", allowIf(
                        "{\"DateLessThan\": {\"acs:CurrentTime\": \"2019-08-12T17:00:00+08:00\"}}"),
                        context("192.168.1.10", before, true), Effect.ALLOW),
                Arguments.of("at the deadline", allowIf(
                        "{\"DateLessThan\": {\"acs:CurrentTime\": \"2019-08-12T17:00:00+08:00\"}}"),
                        context("192.168.1.10", after, true), Effect.IMPLICIT_DENY),
                Arguments.of("HTTPS required, HTTPS used", allowIf("{\"Bool\": {\"acs:SecureTransport\": \"true\"}}"),
                        context("192.168.1.10", before, true), Effect.ALLOW),
                Arguments.of("HTTPS required, HTTP used", allowIf("{\"Bool\": {\"acs:SecureTransport\": true}}"),
                        context("192.168.1.10", before, false), Effect.IMPLICIT_DENY),
                Arguments.of("keys are ANDed, both hold", allowIf(
                        "{\"StringEquals\": {\"acs:SourceIp\": \"192.168.1.10\", \"acs:SecureTransport\": \"true\"}}"),
                        context("192.168.1.10", before, true), Effect.ALLOW),
                Arguments.of("keys are ANDed, one fails", allowIf(
                        "{\"StringEquals\": {\"acs:SourceIp\": \"192.168.1.10\", \"acs:SecureTransport\": \"true\"}}"),
                        context("192.168.1.10", before, false), Effect.IMPLICIT_DENY),
                Arguments.of("operators are ANDed, both hold", allowIf("""
                        {"IpAddress": {"acs:SourceIp": "192.168.1.0/24"},
                         "DateLessThan": {"acs:CurrentTime": "2019-08-12T17:00:00+08:00"}}"""),
                        context("192.168.1.10", before, true), Effect.ALLOW),
                Arguments.of("operators are ANDed, one fails", allowIf("""
                        {"IpAddress": {"acs:SourceIp": "192.168.1.0/24"},
                         "DateLessThan": {"acs:CurrentTime": "2019-08-12T17:00:00+08:00"}}"""),
                        context("192.168.1.10", after, true), Effect.IMPLICIT_DENY),
                Arguments.of("Allow on an unknown key grants nothing",
                        allowIf("{\"Bool\": {\"acs:MFAPresent\": \"true\"}}"),
                        context("192.168.1.10", before, true), Effect.IMPLICIT_DENY),
                Arguments.of("Deny NotIpAddress outside the network", allowAll + ", " + denyIf(
                        "{\"NotIpAddress\": {\"acs:SourceIp\": \"192.168.0.0/16\"}}"),
                        context("10.0.0.1", before, true), Effect.EXPLICIT_DENY),
                Arguments.of("Deny NotIpAddress inside the network", allowAll + ", " + denyIf(
                        "{\"NotIpAddress\": {\"acs:SourceIp\": \"192.168.0.0/16\"}}"),
                        context("192.168.1.10", before, true), Effect.ALLOW),
                Arguments.of("Deny NotIpAddress without a source IP", allowAll + ", " + denyIf(
                        "{\"NotIpAddress\": {\"acs:SourceIp\": \"192.168.0.0/16\"}}"),
                        context(null, before, true), Effect.ALLOW),
                Arguments.of("Deny StringNotEquals on an unknown key denies nothing", allowAll + ", " + denyIf(
                        "{\"StringNotEquals\": {\"acs:MFAPresent\": \"true\"}}"),
                        context("192.168.1.10", before, true), Effect.ALLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliasGuideCases")
    void allowsAliasGuideExample(String description, String statement, String action, List<String> resources,
            String uncoveredResource) {
        Decision decision = evaluate(List.of(policy(statement)), action, resources, CONTEXT);

        assertThat(decision.effect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.deniedResource()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliasGuideCases")
    void aliasGuideExampleDeniesUncoveredResource(String description, String statement, String action,
            List<String> resources, String uncoveredResource) {
        List<String> changedResources = new ArrayList<>(resources);
        changedResources.set(changedResources.size() - 1, uncoveredResource);

        Decision decision = evaluate(List.of(policy(statement)), action, changedResources, CONTEXT);

        assertThat(decision.effect()).isEqualTo(Effect.IMPLICIT_DENY);
        assertThat(decision.deniedResource()).isEqualTo(uncoveredResource);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aliasGuideCases")
    void aliasGuideExampleDeniesOtherAction(String description, String statement, String action,
            List<String> resources, String uncoveredResource) {
        Decision decision = evaluate(List.of(policy(statement)), "kms:ScheduleKeyDeletion", resources, CONTEXT);

        assertThat(decision.effect()).isEqualTo(Effect.IMPLICIT_DENY);
    }

    /**
     * Policies from Alibaba Cloud's guide to managing aliases: each action with its documented
     * resources, and a resource of the same kind that the policy does not name.
     */
    static Stream<Arguments> aliasGuideCases() {
        return Stream.of(
                Arguments.of("create an alias",
                        allow("[\"kms:CreateAlias\"]", jsonList(KEY_1, ALIAS)),
                        "kms:CreateAlias", List.of(KEY_1, ALIAS), OTHER_ALIAS),
                Arguments.of("bind an alias to another key",
                        allow("[\"kms:UpdateAlias\"]", jsonList(ALIAS, KEY_1, KEY_2)),
                        "kms:UpdateAlias", List.of(ALIAS, KEY_1, KEY_2), KEY_3),
                Arguments.of("list aliases",
                        allow("[\"kms:ListAliases\"]", quoted(ALIAS_CONTAINER)),
                        "kms:ListAliases", List.of(ALIAS_CONTAINER), "acs:kms:cn-shanghai:123456:alias"),
                Arguments.of("list the aliases of a key",
                        allow("[\"kms:ListAliasesByKeyId\"]", quoted(KEY_1)),
                        "kms:ListAliasesByKeyId", List.of(KEY_1), KEY_2),
                Arguments.of("delete an alias",
                        allow("[\"kms:DeleteAlias\"]", jsonList(KEY_1, ALIAS)),
                        "kms:DeleteAlias", List.of(KEY_1, ALIAS), OTHER_ALIAS));
    }

    private static Decision evaluate(List<PolicyDocument> policies, String action, List<String> resources,
            RequestContext context) {
        return PolicyEvaluator.evaluate(policies, new AuthorizationRequest(action, resources, context));
    }

    private static RequestContext context(String sourceIp, Instant currentTime, boolean secureTransport) {
        return new RequestContext(sourceIp, currentTime, secureTransport);
    }

    private static PolicyDocument policy(String statements) {
        return PolicyDocument.parse("{\"Version\": \"1\", \"Statement\": [" + statements + "]}");
    }

    private static String statement(String effect, String elements) {
        return "{\"Effect\": \"" + effect + "\", " + elements + "}";
    }

    private static String allow(String action, String resource) {
        return statement("Allow", "\"Action\": " + action + ", \"Resource\": " + resource);
    }

    private static String allowIf(String conditionBlock) {
        return statement("Allow", "\"Action\": \"kms:*\", \"Resource\": \"*\", \"Condition\": " + conditionBlock);
    }

    private static String denyIf(String conditionBlock) {
        return statement("Deny", "\"Action\": \"*\", \"Resource\": \"*\", \"Condition\": " + conditionBlock);
    }

    private static String jsonList(String... texts) {
        return Arrays.stream(texts).map(PolicyEvaluatorTest::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
