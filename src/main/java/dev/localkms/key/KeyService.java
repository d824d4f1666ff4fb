package dev.localkms.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.localkms.account.AccountService;
import dev.localkms.auth.Caller;
import dev.localkms.common.Arns;
import dev.localkms.common.Paging;
import dev.localkms.common.WireDates;
import dev.localkms.config.KmsProperties;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import dev.localkms.key.KeyReplies.KeySummary;
import dev.localkms.key.KeyReplies.Keys;
import dev.localkms.key.KeyReplies.ListKeysReply;
import dev.localkms.ram.Authorizer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, describes and lists keys. */
@Service
public class KeyService {

    static final int MAX_DESCRIPTION_LENGTH = 8192;
    /** Days until a key seeded as PendingDeletion is deleted. */
    public static final int SEEDED_PENDING_WINDOW_DAYS = 30;
    private static final Pattern SEEDED_KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> SYMMETRIC_SPECS = Set.of("Aliyun_AES_256", "Aliyun_AES_128", "Aliyun_AES_192");
    private static final Set<String> UNSUPPORTED_SPECS =
            Set.of("Aliyun_SM4", "RSA_2048", "RSA_3072", "EC_P256", "EC_P256K", "EC_SM2");

    private final KeyRepository keys;
    private final KeyResolver resolver;
    private final KeyMaterials materials;
    private final AccountService accounts;
    private final Authorizer authorizer;
    private final KmsProperties properties;
    private final Clock clock;

    KeyService(KeyRepository keys, KeyResolver resolver, KeyMaterials materials, AccountService accounts,
            Authorizer authorizer, KmsProperties properties, Clock clock) {
        this.keys = keys;
        this.resolver = resolver;
        this.materials = materials;
        this.accounts = accounts;
        this.authorizer = authorizer;
        this.properties = properties;
        this.clock = clock;
    }

    /** CreateKey: creates an Enabled key with one version of fresh material. */
    @Transactional
    public KeyMetadata createKey(Caller caller, NewKey request) {
        authorizer.authorize(caller, "kms:CreateKey", List.of(Arns.keyContainer(caller.regionId(), caller.accountId())));
        KeySpecification specification = verifySpecification(request);
        String description = verifyDescription(request.description());
        accounts.ensureRegionScope(caller.accountId(), caller.regionId());
        accounts.lockRegionScope(caller.accountId(), caller.regionId());
        verifyKeyQuota(caller);

        String keyId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        KeyVersionEntity version = materials.newVersion(keyId, specification.materialLength(), now);
        KeyEntity key = keys.save(new KeyEntity(keyId, caller.accountId(), caller.regionId(), specification,
                description, version.getId(), now));
        keys.flush();
        materials.save(version);
        return metadata(key);
    }

    /** DescribeKey: returns the metadata of the key that a key ID, key ARN or alias names. */
    public KeyMetadata describeKey(Caller caller, String keyId) {
        KeyEntity key = resolver.resolve(caller, keyId, KeyResolver.AliasUse.ACCEPTED);
        authorizer.authorize(caller, "kms:DescribeKey", List.of(arn(key)));
        return metadata(key);
    }

    /** ListKeys: returns one page of the caller's keys, oldest first, optionally filtered. */
    @Transactional(readOnly = true)
    public ListKeysReply listKeys(Caller caller, Paging paging, KeyFilters filters) {
        authorizer.authorize(caller, "kms:ListKeys", List.of(Arns.keyContainer(caller.regionId(), caller.accountId())));
        List<KeyEntity> matching = keys.findByAccountIdAndRegionIdOrderByCreatedAtAscIdAsc(caller.accountId(),
                caller.regionId()).stream().filter(filters::matches).toList();
        List<KeySummary> page = paging.slice(matching).stream()
                .map(key -> new KeySummary(key.getId(), arn(key)))
                .toList();
        return new ListKeysReply(paging.pageNumber(), paging.pageSize(), matching.size(), new Keys(page));
    }

    /**
     * Creates a key with a fixed ID, default specification and fresh material, or sets the description of
     * the existing key with that ID. The seed loader calls this; the key counts toward the key quota.
     *
     * @throws IllegalArgumentException when the key ID is not 1 to 64 letters, digits, {@code -} or {@code _}
     * @throws IllegalStateException when the key ID is taken in another account or region
     * @throws KmsException when the description is too long or the account and region have no room
     */
    @Transactional
    public void ensureSeededKey(String accountId, String regionId, String keyId, String description) {
        if (!SEEDED_KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("Key ID \"" + keyId
                    + "\" is invalid: use 1 to 64 letters, digits, \"-\" or \"_\", starting with a letter or digit.");
        }
        String verifiedDescription = verifyDescription(description);
        KeyEntity existing = keys.findById(keyId).orElse(null);
        if (existing != null) {
            if (!existing.getAccountId().equals(accountId) || !existing.getRegionId().equals(regionId)) {
                throw new IllegalStateException("Key " + keyId + " already exists in account "
                        + existing.getAccountId() + ", region " + existing.getRegionId() + ".");
            }
            existing.setDescription(verifiedDescription);
            return;
        }
        accounts.ensureRegionScope(accountId, regionId);
        accounts.lockRegionScope(accountId, regionId);
        verifyKeyQuota(accountId, regionId);
        KeySpecification specification = new KeySpecification(KeySpecification.DEFAULT_KEY_SPEC,
                KeySpecification.ENCRYPT_DECRYPT, KeySpecification.ORIGIN_KMS, KeySpecification.SOFTWARE);
        Instant now = clock.instant();
        KeyVersionEntity version = materials.newVersion(keyId, specification.materialLength(), now);
        keys.save(new KeyEntity(keyId, accountId, regionId, specification, verifiedDescription, version.getId(), now));
        keys.flush();
        materials.save(version);
    }

    /**
     * Sets the state of a seeded key: Enabled, Disabled, or PendingDeletion with a deletion date
     * {@value #SEEDED_PENDING_WINDOW_DAYS} days ahead. A key already pending deletion keeps its date.
     *
     * @throws IllegalArgumentException for PendingImport, which needs imported material
     * @throws IllegalStateException when the key does not exist in the account
     */
    @Transactional
    public void setSeededKeyState(String accountId, String keyId, KeyState state) {
        KeyEntity key = keys.findById(keyId).filter(found -> found.getAccountId().equals(accountId))
                .orElseThrow(() -> new IllegalStateException("Key " + keyId + " does not exist in account "
                        + accountId + "."));
        if (state == KeyState.PENDING_IMPORT) {
            throw new IllegalArgumentException("Key state PendingImport cannot be seeded.");
        }
        if (state == KeyState.PENDING_DELETION) {
            if (key.getKeyState() != KeyState.PENDING_DELETION) {
                key.setDeleteDate(clock.instant().plus(Duration.ofDays(SEEDED_PENDING_WINDOW_DAYS)));
            }
        } else {
            key.setDeleteDate(null);
        }
        key.setKeyState(state);
    }

    private void verifyKeyQuota(Caller caller) {
        verifyKeyQuota(caller.accountId(), caller.regionId());
    }

    private void verifyKeyQuota(String accountId, String regionId) {
        if (keys.countByAccountIdAndRegionId(accountId, regionId) >= properties.keyQuota()) {
            throw KmsException.withMessage(ErrorCode.LIMIT_EXCEEDED,
                    "The request was rejected because user create resource limit was exceeded: %d keys per account and region."
                            .formatted(properties.keyQuota()));
        }
    }

    private static KeySpecification verifySpecification(NewKey request) {
        String keySpec = request.keySpec() != null ? request.keySpec() : KeySpecification.DEFAULT_KEY_SPEC;
        if (UNSUPPORTED_SPECS.contains(keySpec)) {
            throw KmsException.withMessage(ErrorCode.UNSUPPORTED_OPERATION,
                    "This action is not supported: KeySpec \"%s\"; this service supports only %s."
                            .formatted(keySpec, String.join(", ", SYMMETRIC_SPECS)));
        }
        if (!SYMMETRIC_SPECS.contains(keySpec)) {
            throw KmsException.invalidParameter("KeySpec", keySpec, "is not a key spec such as Aliyun_AES_256");
        }

        String keyUsage = request.keyUsage() != null ? request.keyUsage() : KeySpecification.ENCRYPT_DECRYPT;
        if (keyUsage.equals("SIGN/VERIFY")) {
            throw KmsException.withMessage(ErrorCode.UNSUPPORTED_OPERATION,
                    "This action is not supported: KeyUsage \"SIGN/VERIFY\" needs an asymmetric key.");
        }
        if (!keyUsage.equals(KeySpecification.ENCRYPT_DECRYPT)) {
            throw KmsException.invalidParameter("KeyUsage", keyUsage, "must be ENCRYPT/DECRYPT or SIGN/VERIFY");
        }

        String origin = request.origin() != null ? request.origin() : KeySpecification.ORIGIN_KMS;
        if (origin.equals("EXTERNAL")) {
            throw KmsException.withMessage(ErrorCode.UNSUPPORTED_OPERATION,
                    "This action is not supported: Origin \"EXTERNAL\" needs key material import.");
        }
        if (!origin.equals(KeySpecification.ORIGIN_KMS)) {
            throw KmsException.invalidParameter("Origin", origin, "must be Aliyun_KMS or EXTERNAL");
        }

        String protectionLevel = request.protectionLevel() != null ? request.protectionLevel()
                : KeySpecification.SOFTWARE;
        if (!protectionLevel.equals(KeySpecification.SOFTWARE) && !protectionLevel.equals("HSM")) {
            throw KmsException.invalidParameter("ProtectionLevel", protectionLevel, "must be SOFTWARE or HSM");
        }

        return new KeySpecification(keySpec, keyUsage, origin, protectionLevel);
    }

    static String verifyDescription(String description) {
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw KmsException.invalidParameter("Description", description.substring(0, 32) + "...",
                    "is %d characters long; the limit is %d".formatted(description.length(), MAX_DESCRIPTION_LENGTH));
        }
        return description;
    }

    static String arn(KeyEntity key) {
        return Arns.key(key.getRegionId(), key.getAccountId(), key.getId());
    }

    KeyMetadata metadata(KeyEntity key) {
        String deleteDate = key.getKeyState() == KeyState.PENDING_DELETION ? WireDates.format(key.getDeleteDate()) : "";
        return new KeyMetadata(key.getId(), arn(key), key.getKeyState().wireName(), key.getKeySpec(),
                key.getKeyUsage(), key.getOrigin(), key.getProtectionLevel(), key.getDescription(),
                key.getAccountId(), WireDates.format(key.getCreatedAt()), deleteDate,
                WireDates.format(key.getCreatedAt()), "", "Disabled", key.getPrimaryVersionId(), "Disabled");
    }

    /**
     * Parameters of CreateKey; null means absent.
     *
     * @param description Description
     * @param keySpec KeySpec
     * @param keyUsage KeyUsage
     * @param origin Origin
     * @param protectionLevel ProtectionLevel
     */
    public record NewKey(String description, String keySpec, String keyUsage, String origin, String protectionLevel) {
    }
}
