package dev.localkms.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import dev.localkms.account.AccessKeyRecord;
import dev.localkms.account.AccountService;
import dev.localkms.auth.signature.SignatureClaim;
import dev.localkms.auth.signature.SignatureClaims;
import dev.localkms.auth.signature.SignatureScheme;
import dev.localkms.auth.signature.SignatureVerifier;
import dev.localkms.auth.signature.SignedRequest;
import dev.localkms.config.KmsProperties;
import dev.localkms.config.KmsProperties.AuthMode;
import dev.localkms.error.ErrorCode;
import dev.localkms.error.KmsException;
import org.springframework.stereotype.Service;

/**
 * Decides who makes a request. A signed request is verified against its access key: key status,
 * timestamp, signature and nonce. An unsigned one is rejected in strict mode; in lenient mode it acts
 * as the owner of the {@code AccessKeyId} it names, or as the default account's root.
 */
@Service
public class Authenticator {

    private final AccountService accounts;
    /**
     * Maximum length of a nonce in characters, the width of the database column that records nonces. The
     * SDKs send UUIDs or 32 hexadecimal digits.
     */
    static final int MAX_NONCE_LENGTH = 128;

    private final NonceRegistry nonces;
    private final KmsProperties properties;
    private final Clock clock;

    public Authenticator(AccountService accounts, NonceRegistry nonces, KmsProperties properties, Clock clock) {
        this.accounts = accounts;
        this.nonces = nonces;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns the caller of {@code request}, acting in {@code regionId}. */
    public Caller authenticate(IncomingRequest request, String regionId) {
        SignedRequest signedRequest = new SignedRequest(request.method(), request.queryParameters(),
                request.formParameters(), request.headers(), request.body());
        Optional<SignatureClaim> claim = SignatureClaims.read(signedRequest);
        if (claim.isPresent()) {
            return verified(signedRequest, claim.get(), request, regionId);
        }
        if (properties.authMode() == AuthMode.STRICT) {
            throw KmsException.withMessage(ErrorCode.INCOMPLETE_SIGNATURE,
                    "The request signature does not conform to Aliyun standards: the request is not signed, "
                            + "and this server accepts only signed requests (auth mode strict).");
        }
        Optional<String> accessKeyId = request.parameter("AccessKeyId").filter(value -> !value.isEmpty());
        if (accessKeyId.isEmpty()) {
            KmsProperties.DefaultAccount account = properties.defaultAccount();
            return rootOf(account.id(), account.accessKeyId(), request, regionId, false);
        }
        return callerOf(activeKey(accessKeyId.get()), request, regionId, false);
    }

    /**
     * Verifies an access key pair given in full, as the web console's sign-in does: the key must exist and
     * be active, and the secret must match, compared in constant time.
     *
     * @return the owner of the key, acting in {@code regionId}
     */
    public Caller verifyKeyPair(String accessKeyId, String secret, String regionId, String sourceIp,
            boolean secure) {
        AccessKeyRecord key = activeKey(accessKeyId);
        boolean matched = MessageDigest.isEqual(key.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
        if (!matched) {
            throw KmsException.withMessage(ErrorCode.ACCESS_KEY_SECRET_MISMATCH,
                    "The AccessKeySecret does not match the AccessKeyId \"%s\".".formatted(accessKeyId));
        }
        return callerOf(key, regionId, true, sourceIp, secure);
    }

    /**
     * Returns the owner of an access key that signed in earlier, such as a web console session's key.
     * The key must still exist and be active. The call itself carries no signature, so the caller is
     * not {@link Caller#signed()}.
     */
    public Caller callerOfSignedInKey(String accessKeyId, String regionId, String sourceIp, boolean secure) {
        return callerOf(activeKey(accessKeyId), regionId, false, sourceIp, secure);
    }

    private Caller verified(SignedRequest request, SignatureClaim claim, IncomingRequest rpcRequest, String regionId) {
        AccessKeyRecord key = activeKey(claim.accessKeyId());
        Instant now = clock.instant();
        Instant timestamp = verifyTimestamp(claim, now);
        SignatureVerifier.Verification verification = SignatureVerifier.verify(request, claim, key.secret());
        if (!verification.matched()) {
            throw KmsException.of(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verification.serverStringToSign());
        }
        String nonceParameter = claim.scheme() == SignatureScheme.RPC_V1 ? "SignatureNonce" : "x-acs-signature-nonce";
        if (claim.nonce() == null || claim.nonce().isEmpty()) {
            throw KmsException.missingParameter(nonceParameter);
        }
        if (claim.nonce().length() > MAX_NONCE_LENGTH) {
            throw KmsException.invalidParameter(nonceParameter, claim.nonce(),
                    "has %d characters, more than the maximum of %d".formatted(claim.nonce().length(), MAX_NONCE_LENGTH));
        }
        // The request stays valid until its timestamp plus the allowed skew, which is later than now plus the
        // skew when the caller's clock is ahead, so the nonce is remembered until then.
        Instant validUntil = (timestamp.isAfter(now) ? timestamp : now).plus(properties.clockSkew());
        if (!nonces.register(key.accessKeyId(), claim.nonce(), now, validUntil)) {
            throw KmsException.withMessage(ErrorCode.SIGNATURE_NONCE_USED,
                    "Specified signature nonce was used already: \"%s\" within the last %d minutes."
                            .formatted(claim.nonce(), properties.clockSkew().toMinutes()));
        }
        return callerOf(key, rpcRequest, regionId, true);
    }

    /** Returns the request's timestamp after checking that it is within the allowed skew of {@code now}. */
    private Instant verifyTimestamp(SignatureClaim claim, Instant now) {
        String parameter = claim.scheme() == SignatureScheme.RPC_V1 ? "Timestamp" : "x-acs-date";
        if (claim.timestamp() == null || claim.timestamp().isEmpty()) {
            throw KmsException.withMessage(ErrorCode.ILLEGAL_TIMESTAMP,
                    "The input parameter \"%s\" that is mandatory for processing this request is not supplied."
                            .formatted(parameter));
        }
        Instant timestamp = parseTimestamp(claim.timestamp()).orElseThrow(() -> KmsException.withMessage(
                ErrorCode.ILLEGAL_TIMESTAMP, "The parameter \"%s\" is not a UTC time such as 2024-01-01T00:00:00Z: \"%s\"."
                        .formatted(parameter, claim.timestamp())));
        Duration skew = Duration.between(timestamp, now).abs();
        if (skew.compareTo(properties.clockSkew()) > 0) {
            throw KmsException.withMessage(ErrorCode.TIMESTAMP_EXPIRED,
                    "Specified time stamp or date value is expired: %s is %d seconds from the server time %s; the limit is %d seconds."
                            .formatted(claim.timestamp(), skew.toSeconds(), now, properties.clockSkew().toSeconds()));
        }
        return timestamp;
    }

    private static Optional<Instant> parseTimestamp(String timestamp) {
        try {
            return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private AccessKeyRecord activeKey(String accessKeyId) {
        AccessKeyRecord key = accounts.findAccessKey(accessKeyId)
                .orElseThrow(() -> KmsException.withMessage(ErrorCode.ACCESS_KEY_NOT_FOUND,
                        "Specified access key is not found: \"%s\".".formatted(accessKeyId)));
        if (!key.active()) {
            throw KmsException.withMessage(ErrorCode.ACCESS_KEY_INACTIVE,
                    "Specified access key is disabled: \"%s\".".formatted(accessKeyId));
        }
        return key;
    }

    private static Caller callerOf(AccessKeyRecord key, IncomingRequest request, String regionId, boolean signed) {
        return callerOf(key, regionId, signed, request.remoteAddress(), request.secure());
    }

    private static Caller callerOf(AccessKeyRecord key, String regionId, boolean signed, String sourceIp,
            boolean secure) {
        if (key.userId() == null) {
            return rootOf(key.accountId(), key.accessKeyId(), regionId, signed, sourceIp, secure);
        }
        return new Caller(key.accountId(), regionId, Caller.PrincipalType.RAM_USER, key.userId(), key.userName(),
                key.accessKeyId(), signed, sourceIp, secure);
    }

    private static Caller rootOf(String accountId, String accessKeyId, IncomingRequest request, String regionId,
            boolean signed) {
        return rootOf(accountId, accessKeyId, regionId, signed, request.remoteAddress(), request.secure());
    }

    private static Caller rootOf(String accountId, String accessKeyId, String regionId, boolean signed,
            String sourceIp, boolean secure) {
        return new Caller(accountId, regionId, Caller.PrincipalType.ROOT, accountId, null, accessKeyId, signed,
                sourceIp, secure);
    }
}
