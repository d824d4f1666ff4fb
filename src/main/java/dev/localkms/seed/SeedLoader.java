package dev.localkms.seed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.localkms.account.AccountService;
import dev.localkms.alias.AliasService;
import dev.localkms.auth.Caller;
import dev.localkms.config.KmsProperties;
import dev.localkms.key.KeyService;
import dev.localkms.ram.RamAccessKeyService;
import dev.localkms.ram.RamPolicyService;
import dev.localkms.ram.RamUserService;
import dev.localkms.ram.UserPolicyService;
import dev.localkms.seed.SeedNode.InvalidEntryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Applies a seed file: creates or updates its accounts, root access keys, policies, RAM users with their
 * access keys and policies, keys and aliases. Loading the same file again changes nothing, and nothing
 * absent from the file is deleted.
 *
 * <p>The whole file is parsed and checked before anything is written. Rules that depend on stored data
 * (IDs taken by another owner, quotas, key states) are checked as each entry is applied, so such an error
 * leaves the entries before it applied.
 */
@Service
public class SeedLoader {

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);
    private static final String CLASSPATH_PREFIX = "classpath:";

    private final AccountService accounts;
    private final RamUserService users;
    private final RamAccessKeyService accessKeys;
    private final RamPolicyService policies;
    private final UserPolicyService userPolicies;
    private final KeyService keys;
    private final AliasService aliases;
    private final KmsProperties properties;

    SeedLoader(AccountService accounts, RamUserService users, RamAccessKeyService accessKeys,
            RamPolicyService policies, UserPolicyService userPolicies, KeyService keys, AliasService aliases,
            KmsProperties properties) {
        this.accounts = accounts;
        this.users = users;
        this.accessKeys = accessKeys;
        this.policies = policies;
        this.userPolicies = userPolicies;
        this.keys = keys;
        this.aliases = aliases;
        this.properties = properties;
    }

    /**
     * Applies the file that {@code kms.seed-file} names, unless the setting is empty.
     *
     * @return whether a file was applied
     * @throws SeedFileException when the file cannot be read or an entry breaks a rule
     */
    public boolean load() {
        String location = properties.seedFile();
        if (location == null || location.isBlank()) {
            return false;
        }
        load(location);
        return true;
    }

    /**
     * Reads and checks the file that {@code kms.seed-file} names without applying it, so that a caller can
     * stop before changing anything.
     *
     * @throws SeedFileException when the file cannot be read or an entry breaks a rule
     */
    public void verifyFile() {
        String location = properties.seedFile();
        if (location != null && !location.isBlank()) {
            parse(location, read(location));
        }
    }

    /**
     * Applies a seed file: a file path, or {@code classpath:} followed by a resource path.
     *
     * @throws SeedFileException when the file cannot be read or an entry breaks a rule
     */
    public void load(String location) {
        SeedFile file = parse(location, read(location));
        for (SeedFile.Account account : file.accounts()) {
            apply(location, account);
        }
        log.info("Seed file {} applied: {} accounts, {} users, {} policies, {} keys, {} aliases", location,
                file.accounts().size(),
                file.accounts().stream().mapToInt(account -> account.users().size()).sum(),
                file.accounts().stream().mapToInt(account -> account.policies().size()).sum(),
                file.accounts().stream().mapToInt(account -> account.keys().size()).sum(),
                file.accounts().stream().mapToInt(account -> account.aliases().size()).sum());
    }

    private SeedFile parse(String location, String yaml) {
        try {
            return SeedFileParser.parse(yaml, properties.defaultRegion());
        } catch (InvalidEntryException e) {
            throw new SeedFileException(location, e.entry(), e.rule(), null);
        }
    }

    private static String read(String location) {
        Resource resource = location.startsWith(CLASSPATH_PREFIX)
                ? new ClassPathResource(location.substring(CLASSPATH_PREFIX.length()))
                : new FileSystemResource(location);
        if (!resource.exists()) {
            throw new SeedFileException(location, "", "the file does not exist. Set kms.seed-file (KMS_SEED_FILE) "
                    + "to the path of a YAML file, or to classpath: and the path of a resource.", null);
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SeedFileException(location, "", "the file cannot be read: " + e.getMessage(), e);
        }
    }

    private void apply(String location, SeedFile.Account account) {
        String accountId = account.id();
        applying(location, account.path(), () -> accounts.ensureAccount(accountId));
        for (SeedFile.AccessKey key : account.rootAccessKeys()) {
            applying(location, key.path(),
                    () -> accounts.ensureRootAccessKey(accountId, key.id(), key.secret(), key.active()));
        }
        for (SeedFile.Policy policy : account.policies()) {
            applying(location, policy.path(),
                    () -> policies.ensurePolicy(accountId, policy.name(), policy.description(), policy.document()));
        }
        for (SeedFile.User user : account.users()) {
            applying(location, user.path(), () -> users.ensureUser(accountId, user.name(), user.displayName()));
            for (SeedFile.AccessKey key : user.accessKeys()) {
                applying(location, key.path(), () -> accessKeys.ensureAccessKey(accountId, user.name(), key.id(),
                        key.secret(), key.active()));
            }
            for (SeedFile.Attachment attachment : user.policies()) {
                applying(location, attachment.path(), () -> userPolicies.ensureAttachment(accountId, user.name(),
                        attachment.type(), attachment.name()));
            }
        }
        for (SeedFile.Key key : account.keys()) {
            applying(location, key.path(),
                    () -> keys.ensureSeededKey(accountId, key.region(), key.id(), key.description()));
        }
        // Aliases come before key states, so that an alias can point to a key seeded as PendingDeletion.
        for (SeedFile.Alias alias : account.aliases()) {
            applying(location, alias.path(),
                    () -> aliases.ensureAlias(rootOf(accountId, alias.region()), alias.keyId(), alias.name()));
        }
        for (SeedFile.Key key : account.keys()) {
            applying(location, key.path(), () -> keys.setSeededKeyState(accountId, key.id(), key.state()));
        }
    }

    private static void applying(String location, String entry, Runnable step) {
        try {
            step.run();
        } catch (SeedFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SeedFileException(location, entry, e.getMessage(), e);
        }
    }

    private static Caller rootOf(String accountId, String regionId) {
        return new Caller(accountId, regionId, Caller.PrincipalType.ROOT, accountId, null, null, false,
                "127.0.0.1", false);
    }
}
