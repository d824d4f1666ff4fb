package dev.localkms.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.localkms.key.KeyState;
import dev.localkms.ram.PolicyType;
import dev.localkms.seed.SeedNode.InvalidEntryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SeedFileParserTest {

    private static final String REGION = "cn-hangzhou";
    private static final String DOCUMENT = "{\"Version\": \"1\", \"Statement\": "
            + "[{\"Effect\": \"Allow\", \"Action\": \"kms:*\", \"Resource\": \"*\"}]}";

    private static SeedFile parse(String yaml) {
        return SeedFileParser.parse(yaml, REGION);
    }

    @Test
    void integrationTestSeedParses() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/seed/seeded-it.yml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        SeedFile file = parse(yaml);

        assertThat(file.accounts()).extracting(SeedFile.Account::id)
                .containsExactly("1234567890123456", "9876543210987654");
        assertThat(file.accounts().get(0).users()).hasSize(11);
        assertThat(file.accounts().get(0).policies()).hasSize(8);
        assertThat(file.accounts().get(0).aliases()).hasSize(3);
    }

    @Test
    void minimalAccountGetsDefaults() {
        SeedFile file = parse("""
                version: 1
                accounts:
                  - id: 1111222233334444
                    rootAccessKeys: [{id: LTAIroot, secret: s3cret}]
                    keys: [{id: k-1}]
                    aliases: [{name: alias/a, keyId: k-1}]
                """);

        SeedFile.Account account = file.accounts().get(0);
        assertThat(account.id()).isEqualTo("1111222233334444");
        assertThat(account.rootAccessKeys().get(0).active()).isTrue();
        assertThat(account.keys().get(0).region()).isEqualTo(REGION);
        assertThat(account.keys().get(0).description()).isEmpty();
        assertThat(account.keys().get(0).state()).isEqualTo(KeyState.ENABLED);
        assertThat(account.aliases().get(0).region()).isEqualTo(REGION);
    }

    @Test
    void policyDocumentMappingBecomesJson() {
        SeedFile file = parse("""
                version: 1
                accounts:
                  - id: "1"
                    policies:
                      - name: P1
                        document: {Version: "1", Statement: [{Effect: Allow, Action: "kms:*", Resource: "*"}]}
                """);

        assertThat(file.accounts().get(0).policies().get(0).document())
                .isEqualTo("{\"Version\":\"1\",\"Statement\":"
                        + "[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
    }

    @Test
    void userAttachmentsKeepTypeAndOrder() {
        SeedFile file = parse("""
                version: 1
                accounts:
                  - id: "1"
                    policies: [{name: P1, document: '%s'}]
                    users:
                      - name: alice
                        policies: [{type: System, name: AliyunKMSFullAccess}, {type: Custom, name: P1}]
                """.formatted(DOCUMENT));

        assertThat(file.accounts().get(0).users().get(0).policies())
                .extracting(SeedFile.Attachment::type, SeedFile.Attachment::name)
                .containsExactly(tuple(PolicyType.SYSTEM, "AliyunKMSFullAccess"), tuple(PolicyType.CUSTOM, "P1"));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("empty file", "", "", "the file is empty"),
                Arguments.of("not YAML", "version: 1\naccounts: [", "", "not valid YAML"),
                Arguments.of("duplicate YAML key", "version: 1\nversion: 1\n", "", "not valid YAML"),
                Arguments.of("no version", "accounts: []\n", "version", "missing"),
                Arguments.of("wrong version", "version: 2\n", "version", "must be 1"),
                Arguments.of("unknown top-level field", "version: 1\nkeys: []\n", "",
                        "unknown field \"keys\". The allowed fields are accounts, version"),
                Arguments.of("accounts not a list", "version: 1\naccounts: {id: 1}\n", "accounts",
                        "expected a list, found a mapping"),
                Arguments.of("account ID not digits", account("id: abc"), "accounts[0].id",
                        "\"abc\" is not 1 to 32 digits"),
                Arguments.of("unknown account field", account("id: '1'\n    region: cn-hangzhou"), "accounts[0]",
                        "unknown field \"region\""),
                Arguments.of("duplicate account", "version: 1\naccounts: [{id: '1'}, {id: '1'}]\n", "accounts[1].id",
                        "duplicate account ID: \"1\""),
                Arguments.of("user without name", account("id: '1'\n    users: [{displayName: Bob}]"),
                        "accounts[0].users[0]", "missing field \"name\""),
                Arguments.of("user name with a space", account("id: '1'\n    users: [{name: 'bad name'}]"),
                        "accounts[0].users[0].name", "contains invalid chars"),
                Arguments.of("duplicate user", account("id: '1'\n    users: [{name: bob}, {name: bob}]"),
                        "accounts[0].users[1].name", "duplicate user name in this account: \"bob\""),
                Arguments.of("bad access key status", account("""
                        id: '1'
                            users:
                              - name: alice
                              - name: bob
                                accessKeys: [{id: LTAIbob, secret: x, status: Disabled}]"""),
                        "accounts[0].users[1].accessKeys[0].status", "\"Disabled\" must be Active or Inactive"),
                Arguments.of("secret that YAML reads as a boolean", account("""
                        id: '1'
                            rootAccessKeys: [{id: LTAIroot, secret: yes}]"""),
                        "accounts[0].rootAccessKeys[0].secret",
                        "expected text, found the boolean true. Put the value in quotes."),
                Arguments.of("access key ID with a hyphen", account("""
                        id: '1'
                            rootAccessKeys: [{id: LTAI-root, secret: x}]"""),
                        "accounts[0].rootAccessKeys[0].id", "is not 1 to 64 letters and digits"),
                Arguments.of("access key ID used twice", """
                        version: 1
                        accounts:
                          - id: '1'
                            rootAccessKeys: [{id: LTAIsame, secret: x}]
                          - id: '2'
                            rootAccessKeys: [{id: LTAIsame, secret: y}]
                        """, "accounts[1].rootAccessKeys[0].id", "duplicate access key ID in the file: \"LTAIsame\""),
                Arguments.of("unknown system policy", account("""
                        id: '1'
                            users: [{name: bob, policies: [{type: System, name: PowerUser}]}]"""),
                        "accounts[0].users[0].policies[0].name", "\"PowerUser\" is not a system policy"),
                Arguments.of("custom policy not in the file", account("""
                        id: '1'
                            users: [{name: bob, policies: [{type: Custom, name: Elsewhere}]}]"""),
                        "accounts[0].users[0].policies[0].name", "is not among the policies of this account"),
                Arguments.of("bad policy type", account("""
                        id: '1'
                            users: [{name: bob, policies: [{type: Managed, name: X}]}]"""),
                        "accounts[0].users[0].policies[0].type", "\"Managed\" must be Custom or System"),
                Arguments.of("policy name with underscore", account("""
                        id: '1'
                            policies: [{name: bad_name, document: '%s'}]""".formatted(DOCUMENT)),
                        "accounts[0].policies[0].name", "contains invalid chars"),
                Arguments.of("policy without document", account("id: '1'\n    policies: [{name: P1}]"),
                        "accounts[0].policies[0]", "missing field \"document\""),
                Arguments.of("policy document as a list", account("""
                        id: '1'
                            policies: [{name: P1, document: [a, b]}]"""),
                        "accounts[0].policies[0].document", "expected a policy as a mapping or as JSON text"),
                Arguments.of("policy version as a number", account("""
                        id: '1'
                            policies:
                              - name: P1
                                document: {Version: 1, Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}"""),
                        "accounts[0].policies[0].document", "The policy Version must be \"1\""),
                Arguments.of("policy document too long", account("""
                        id: '1'
                            policies: [{name: P1, document: '%s'}]""".formatted(" ".repeat(6145))),
                        "accounts[0].policies[0].document", "beyond the length limit"),
                Arguments.of("key ID that looks like an alias", account("id: '1'\n    keys: [{id: alias/k}]"),
                        "accounts[0].keys[0].id", "is not 1 to 64 letters, digits"),
                Arguments.of("key state PendingImport", account("id: '1'\n    keys: [{id: k1, state: PendingImport}]"),
                        "accounts[0].keys[0].state", "must be Enabled, Disabled or PendingDeletion"),
                Arguments.of("key ID used twice", """
                        version: 1
                        accounts:
                          - {id: '1', keys: [{id: k1}]}
                          - {id: '2', keys: [{id: k1}]}
                        """, "accounts[1].keys[0].id", "duplicate key ID in the file: \"k1\""),
                Arguments.of("alias without prefix", account("""
                        id: '1'
                            keys: [{id: k1}]
                            aliases: [{name: example, keyId: k1}]"""),
                        "accounts[0].aliases[0].name", "must start with \"alias/\""),
                Arguments.of("alias of an unknown key", account("""
                        id: '1'
                            aliases: [{name: alias/a, keyId: k9}]"""),
                        "accounts[0].aliases[0].keyId", "\"k9\" is not among the keys of this account"),
                Arguments.of("alias in another region than its key", account("""
                        id: '1'
                            keys: [{id: k1, region: cn-hangzhou}]
                            aliases: [{name: alias/a, keyId: k1, region: cn-shanghai}]"""),
                        "accounts[0].aliases[0].region", "differs from the region cn-hangzhou of key k1"),
                Arguments.of("duplicate alias", account("""
                        id: '1'
                            keys: [{id: k1}, {id: k2}]
                            aliases: [{name: alias/a, keyId: k1}, {name: alias/a, keyId: k2}]"""),
                        "accounts[0].aliases[1].name", "duplicate alias name in this account and region"));
    }

    /** Returns a file with one account; lines after the first of {@code fields} are indented by four spaces. */
    private static String account(String fields) {
        return "version: 1\naccounts:\n  - " + fields + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileNamesEntryAndRule(String description, String yaml, String entry, String rule) {
        InvalidEntryException error = catchThrowableOfType(InvalidEntryException.class, () -> parse(yaml));

        assertThat(error).as("error for %s", description).isNotNull();
        assertThat(error.entry()).isEqualTo(entry);
        assertThat(error.rule()).contains(rule);
    }
}
