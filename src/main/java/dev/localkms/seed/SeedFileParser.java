package dev.localkms.seed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.localkms.alias.AliasNames;
import dev.localkms.error.KmsException;
import dev.localkms.key.KeyState;
import dev.localkms.ram.PolicyType;
import dev.localkms.ram.RamNames;
import dev.localkms.ram.SystemPolicies;
import dev.localkms.seed.SeedNode.InvalidEntryException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a seed file and checks every rule that needs no database: fields and types, names, policy
 * documents, references within the file, and duplicates.
 */
final class SeedFileParser {

    static final int SUPPORTED_VERSION = 1;

    private static final Set<String> FILE_FIELDS = Set.of("version", "accounts");
    private static final Set<String> ACCOUNT_FIELDS =
            Set.of("id", "rootAccessKeys", "users", "policies", "keys", "aliases");
    private static final Set<String> ACCESS_KEY_FIELDS = Set.of("id", "secret", "status");
    private static final Set<String> USER_FIELDS = Set.of("name", "displayName", "accessKeys", "policies");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("type", "name");
    private static final Set<String> POLICY_FIELDS = Set.of("name", "description", "document");
    private static final Set<String> KEY_FIELDS = Set.of("id", "region", "description", "state");
    private static final Set<String> ALIAS_FIELDS = Set.of("name", "keyId", "region");

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final int MAX_SECRET_LENGTH = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern REGION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<KeyState> SEEDABLE_STATES =
            Set.of(KeyState.ENABLED, KeyState.DISABLED, KeyState.PENDING_DELETION);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String defaultRegion;
    private final Set<String> accessKeyIds = new HashSet<>();
    private final Set<String> keyIds = new HashSet<>();

    private SeedFileParser(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /**
     * Parses and checks the YAML text of a seed file.
     *
     * @param defaultRegion the region of keys that name none
     * @throws InvalidEntryException naming the entry and the rule it breaks
     */
    static SeedFile parse(String yaml, String defaultRegion) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidEntryException("", "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new InvalidEntryException("", "the file is empty; it must start with \"version: 1\"");
        }
        return new SeedFileParser(defaultRegion).file(SeedNode.mapping(root, "", FILE_FIELDS));
    }

    private SeedFile file(SeedNode node) {
        Object version = node.raw("version");
        if (version == null) {
            throw new InvalidEntryException("version", "missing; the file must start with \"version: 1\"");
        }
        if (!String.valueOf(version).equals(String.valueOf(SUPPORTED_VERSION))) {
            throw new InvalidEntryException("version", "must be 1, the only version this service reads, not "
                    + SeedNode.describe(version));
        }
        List<SeedFile.Account> accounts = new ArrayList<>();
        Set<String> accountIds = new HashSet<>();
        for (SeedNode account : node.list("accounts", ACCOUNT_FIELDS)) {
            SeedFile.Account parsed = account(account);
            unique(accountIds, parsed.id(), account.pathOf("id"), "account ID");
            accounts.add(parsed);
        }
        return new SeedFile(accounts);
    }

    private SeedFile.Account account(SeedNode node) {
        String id = node.requiredText("id");
        check(ACCOUNT_ID.matcher(id).matches(), node.pathOf("id"), "\"" + id + "\" is not 1 to 32 digits");
        List<SeedFile.AccessKey> rootKeys = node.list("rootAccessKeys", ACCESS_KEY_FIELDS).stream()
                .map(this::accessKey).toList();

        List<SeedFile.Policy> policies = new ArrayList<>();
        Set<String> policyNames = new HashSet<>();
        for (SeedNode policyNode : node.list("policies", POLICY_FIELDS)) {
            SeedFile.Policy policy = policy(policyNode);
            unique(policyNames, policy.name(), policyNode.pathOf("name"), "policy name in this account");
            policies.add(policy);
        }

        List<SeedFile.User> users = new ArrayList<>();
        Set<String> userNames = new HashSet<>();
        for (SeedNode userNode : node.list("users", USER_FIELDS)) {
            SeedFile.User user = user(userNode, policyNames);
            unique(userNames, user.name(), userNode.pathOf("name"), "user name in this account");
            users.add(user);
        }

        List<SeedFile.Key> keys = node.list("keys", KEY_FIELDS).stream().map(this::key).toList();
        Map<String, SeedFile.Key> keysById = keys.stream()
                .collect(Collectors.toMap(SeedFile.Key::id, key -> key));
        List<SeedFile.Alias> aliases = new ArrayList<>();
        Set<String> aliasNames = new HashSet<>();
        for (SeedNode aliasNode : node.list("aliases", ALIAS_FIELDS)) {
            SeedFile.Alias alias = alias(aliasNode, keysById);
            unique(aliasNames, alias.region() + " " + alias.name(), aliasNode.pathOf("name"),
                    "alias name in this account and region");
            aliases.add(alias);
        }
        return new SeedFile.Account(node.path(), id, rootKeys, policies, users, keys, aliases);
    }

    private SeedFile.AccessKey accessKey(SeedNode node) {
        String id = node.requiredText("id");
        check(ACCESS_KEY_ID.matcher(id).matches(), node.pathOf("id"),
                "\"" + id + "\" is not 1 to 64 letters and digits");
        unique(accessKeyIds, id, node.pathOf("id"), "access key ID in the file");
        String secret = node.requiredText("secret");
        check(secret.length() <= MAX_SECRET_LENGTH, node.pathOf("secret"),
                "is %d characters long; the limit is %d".formatted(secret.length(), MAX_SECRET_LENGTH));
        String status = node.optionalText("status").orElse("Active");
        check(status.equals("Active") || status.equals("Inactive"), node.pathOf("status"),
                "\"" + status + "\" must be Active or Inactive");
        return new SeedFile.AccessKey(node.path(), id, secret, status.equals("Active"));
    }

    private SeedFile.Policy policy(SeedNode node) {
        String name = node.requiredText("name");
        ramRule(() -> RamNames.verifyPolicyName(name), node.pathOf("name"), name);
        String description = node.optionalText("description").orElse(null);
        ramRule(() -> RamNames.verifyPolicyDescription(description), node.pathOf("description"), null);
        Object document = node.raw("document");
        String json;
        if (document == null) {
            throw new InvalidEntryException(node.path(), "missing field \"document\"");
        } else if (document instanceof Map<?, ?> mapping) {
            json = JSON.writeValueAsString(mapping);
        } else if (document instanceof String text) {
            json = text;
        } else {
            throw new InvalidEntryException(node.pathOf("document"),
                    "expected a policy as a mapping or as JSON text, found " + SeedNode.describe(document));
        }
        ramRule(() -> RamNames.verifyPolicyDocument(json), node.pathOf("document"), null);
        return new SeedFile.Policy(node.path(), name, description, json);
    }

    private SeedFile.User user(SeedNode node, Set<String> customPolicyNames) {
        String name = node.requiredText("name");
        ramRule(() -> RamNames.verifyUserName(name), node.pathOf("name"), name);
        String displayName = node.optionalText("displayName").orElse(null);
        ramRule(() -> RamNames.verifyDisplayName(displayName), node.pathOf("displayName"), displayName);
        List<SeedFile.AccessKey> keys = node.list("accessKeys", ACCESS_KEY_FIELDS).stream()
                .map(this::accessKey).toList();

        List<SeedFile.Attachment> attachments = new ArrayList<>();
        Set<String> attached = new HashSet<>();
        for (SeedNode attachmentNode : node.list("policies", ATTACHMENT_FIELDS)) {
            SeedFile.Attachment attachment = attachment(attachmentNode, customPolicyNames);
            unique(attached, attachment.type().wireName() + " " + attachment.name(), attachmentNode.path(),
                    "policy attachment of this user");
            attachments.add(attachment);
        }
        return new SeedFile.User(node.path(), name, displayName, keys, attachments);
    }

    private SeedFile.Attachment attachment(SeedNode node, Set<String> customPolicyNames) {
        String typeName = node.requiredText("type");
        PolicyType type = switch (typeName) {
            case "System" -> PolicyType.SYSTEM;
            case "Custom" -> PolicyType.CUSTOM;
            default -> throw new InvalidEntryException(node.pathOf("type"),
                    "\"" + typeName + "\" must be Custom or System");
        };
        String name = node.requiredText("name");
        if (type == PolicyType.SYSTEM) {
            check(SystemPolicies.find(name).isPresent(), node.pathOf("name"),
                    "\"%s\" is not a system policy. The system policies are %s".formatted(name,
                            SystemPolicies.all().stream().map(SystemPolicies.SystemPolicy::name)
                                    .collect(Collectors.joining(", "))));
        } else {
            check(customPolicyNames.contains(name), node.pathOf("name"),
                    "\"" + name + "\" is not among the policies of this account in the file");
        }
        return new SeedFile.Attachment(node.path(), type, name);
    }

    private SeedFile.Key key(SeedNode node) {
        String id = node.requiredText("id");
        check(KEY_ID.matcher(id).matches(), node.pathOf("id"),
                "\"" + id + "\" is not 1 to 64 letters, digits, \"-\" or \"_\" starting with a letter or digit");
        unique(keyIds, id, node.pathOf("id"), "key ID in the file");
        String region = node.optionalText("region").orElse(defaultRegion);
        check(REGION_ID.matcher(region).matches(), node.pathOf("region"),
                "\"" + region + "\" is not a region ID such as cn-hangzhou");
        String description = node.optionalText("description").orElse("");
        String stateName = node.optionalText("state").orElse(KeyState.ENABLED.wireName());
        KeyState state = KeyState.fromWireName(stateName).filter(SEEDABLE_STATES::contains)
                .orElseThrow(() -> new InvalidEntryException(node.pathOf("state"),
                        "\"" + stateName + "\" must be Enabled, Disabled or PendingDeletion"));
        return new SeedFile.Key(node.path(), id, region, description, state);
    }

    private SeedFile.Alias alias(SeedNode node, Map<String, SeedFile.Key> keysById) {
        String name = node.requiredText("name");
        ramRule(() -> AliasNames.verify(name), node.pathOf("name"), name);
        String keyId = node.requiredText("keyId");
        SeedFile.Key key = keysById.get(keyId);
        check(key != null, node.pathOf("keyId"), "\"" + keyId + "\" is not among the keys of this account in the file");
        String region = node.optionalText("region").orElse(key.region());
        check(region.equals(key.region()), node.pathOf("region"),
                "\"%s\" differs from the region %s of key %s, and an alias must be in its key's region"
                        .formatted(region, key.region(), keyId));
        return new SeedFile.Alias(node.path(), name, keyId, region);
    }

    /** Runs a check of the API's parameter rules and reports its error message against the entry. */
    private static void ramRule(Runnable rule, String entry, String value) {
        try {
            rule.run();
        } catch (KmsException e) {
            throw new InvalidEntryException(entry, value == null ? e.getMessage()
                    : "\"%s\" is invalid: %s".formatted(value, e.getMessage()));
        }
    }

    private static void unique(Set<String> seen, String value, String entry, String kind) {
        check(seen.add(value), entry, "duplicate " + kind + ": \"" + value + "\"");
    }

    private static void check(boolean condition, String entry, String rule) {
        if (!condition) {
            throw new InvalidEntryException(entry, rule);
        }
    }
}
