package dev.localkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.aliyuncs.http.MethodType;
import com.aliyuncs.kms.model.v20160120.DecryptRequest;
import com.aliyuncs.kms.model.v20160120.EncryptRequest;
import dev.localkms.sdk.CryptoKmsDriver;
import dev.localkms.sdk.CryptoKmsDriver.DataKeyView;
import dev.localkms.sdk.CryptoKmsDriver.Decrypted;
import dev.localkms.sdk.CryptoKmsDriver.Encrypted;
import dev.localkms.sdk.PopCryptoKmsDriver;
import dev.localkms.support.CryptoIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Encrypt, Decrypt and the data key actions through the official SDKs. */
class CryptoIT extends CryptoIntegrationTest {

    private static final String PLAINTEXT = "plain text, not Base64: caf\u00e9 \u2713";
    private static final Map<String, String> CONTEXT = Map.of("app", "billing", "env", "test");

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void encryptThroughAliasThenDecrypt(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("crypto alias round trip");
        String alias = uniqueAlias("crypto");
        kms.createAlias(keyId, alias);

        Encrypted encrypted = kms.encrypt(alias, PLAINTEXT, CONTEXT);
        Decrypted decrypted = kms.decrypt(encrypted.ciphertextBlob(), CONTEXT);

        assertThat(encrypted.keyId()).as("Encrypt KeyId").isEqualTo(keyId);
        assertThat(decrypted.plaintext()).isEqualTo(PLAINTEXT);
        assertThat(decrypted.keyId()).as("Decrypt KeyId").isEqualTo(keyId);
        assertThat(decrypted.keyVersionId()).isEqualTo(encrypted.keyVersionId());
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void encryptWithoutContextThenDecrypt(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("crypto without context");

        Encrypted encrypted = kms.encrypt(keyId, PLAINTEXT, null);

        assertThat(kms.decrypt(encrypted.ciphertextBlob(), null).plaintext()).isEqualTo(PLAINTEXT);
    }

    @Test
    void encryptAcceptsKeyArn() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("crypto by ARN");
        String arn = kms.describeKey(keyId).arn();

        Encrypted encrypted = kms.encrypt(arn, PLAINTEXT, null);

        assertThat(encrypted.keyId()).isEqualTo(keyId);
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void updateAliasSendsNewCiphertextsToNewKey(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String oldKeyId = kms.createKey("crypto old key");
        String newKeyId = kms.createKey("crypto new key");
        String alias = uniqueAlias("crypto-moved");
        kms.createAlias(oldKeyId, alias);
        Encrypted before = kms.encrypt(alias, "before the move", null);

        kms.updateAlias(newKeyId, alias);
        Encrypted after = kms.encrypt(alias, "after the move", null);

        assertThat(after.keyId()).as("Encrypt KeyId after UpdateAlias").isEqualTo(newKeyId);
        assertThat(kms.decrypt(after.ciphertextBlob(), null).keyId()).as("Decrypt KeyId of the new blob")
                .isEqualTo(newKeyId);
        Decrypted old = kms.decrypt(before.ciphertextBlob(), null);
        assertThat(old.keyId()).as("Decrypt KeyId of the old blob").isEqualTo(oldKeyId);
        assertThat(old.plaintext()).isEqualTo("before the move");
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void deleteAliasStopsEncryptButNotDecrypt(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("crypto deleted alias");
        String alias = uniqueAlias("crypto-deleted");
        kms.createAlias(keyId, alias);
        Encrypted encrypted = kms.encrypt(alias, PLAINTEXT, CONTEXT);

        kms.deleteAlias(alias);

        assertFails(() -> kms.encrypt(alias, PLAINTEXT, CONTEXT), "Forbidden.AliasNotFound", 404);
        assertThat(kms.decrypt(encrypted.ciphertextBlob(), CONTEXT).plaintext()).isEqualTo(PLAINTEXT);
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void disabledKeyRejectsEncryptAndDecryptUntilEnabled(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("crypto disabled key");
        Encrypted encrypted = kms.encrypt(keyId, PLAINTEXT, null);

        kms.disableKey(keyId);

        assertFails(() -> kms.encrypt(keyId, PLAINTEXT, null), "Rejected.Disabled", 409);
        assertFails(() -> kms.decrypt(encrypted.ciphertextBlob(), null), "Rejected.Disabled", 409);

        kms.enableKey(keyId);

        assertThat(kms.decrypt(encrypted.ciphertextBlob(), null).plaintext()).isEqualTo(PLAINTEXT);
        assertThat(kms.encrypt(keyId, PLAINTEXT, null).keyId()).isEqualTo(keyId);
    }

    /** Ways to damage a valid blob, each of which Decrypt must reject. */
    enum Corruption {
        FLIPPED_TAG_BYTE(bytes -> flip(bytes, bytes.length - 1)),
        FLIPPED_CIPHERTEXT_BYTE(bytes -> flip(bytes, 36 + 12)),
        FLIPPED_IV_BYTE(bytes -> flip(bytes, 36)),
        TRUNCATED_BELOW_MINIMUM(bytes -> Arrays.copyOf(bytes, 63)),
        TAG_CUT_SHORT(bytes -> Arrays.copyOf(bytes, bytes.length - 1)),
        PREFIX_NOT_A_VERSION_ID(bytes -> replacePrefix(bytes, "x".repeat(36)));

        private final UnaryOperator<byte[]> damage;

        Corruption(UnaryOperator<byte[]> damage) {
            this.damage = damage;
        }

        String apply(String blob) {
            return Base64.getEncoder().encodeToString(damage.apply(Base64.getDecoder().decode(blob)));
        }
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void corruptedBlobIsInvalidParameter(Corruption corruption) {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("crypto corrupted blob");
        String blob = kms.encrypt(keyId, PLAINTEXT, CONTEXT).ciphertextBlob();

        assertFails(() -> kms.decrypt(corruption.apply(blob), CONTEXT), "InvalidParameter", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not Base64 at all!", "AAAA", "=="})
    void undecodableBlobIsInvalidParameter(String blob) {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);

        assertFails(() -> kms.decrypt(blob, null), "InvalidParameter", 400);
    }

    @Test
    void blobOfUnknownVersionIsKeyNotFound() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("crypto unknown version");
        String blob = kms.encrypt(keyId, PLAINTEXT, null).ciphertextBlob();
        String otherVersion = Base64.getEncoder().encodeToString(
                replacePrefix(Base64.getDecoder().decode(blob), UUID.randomUUID().toString()));

        assertFails(() -> kms.decrypt(otherVersion, null), "Forbidden.KeyNotFound", 404);
    }

    @Test
    void blobOfAnotherRegionIsKeyNotFound() {
        PopCryptoKmsDriver home = popDriver(uniqueRegion(), MethodType.POST);
        PopCryptoKmsDriver elsewhere = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = home.createKey("crypto other region");
        String blob = home.encrypt(keyId, PLAINTEXT, null).ciphertextBlob();

        assertFails(() -> elsewhere.decrypt(blob, null), "Forbidden.KeyNotFound", 404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            changed value  | {"app":"billing","env":"prod"}
            missing entry  | {"app":"billing"}
            extra entry    | {"app":"billing","env":"test","team":"core"}
            no context     |
            empty object   | {}
            """)
    void decryptWithOtherContextIsInvalidParameter(String change, String context) {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("crypto wrong context: " + change);
        String blob = kms.encrypt(keyId, PLAINTEXT, CONTEXT).ciphertextBlob();
        DecryptRequest request = new DecryptRequest();
        request.setCiphertextBlob(blob);
        request.setEncryptionContext(context);

        assertFails(() -> kms.call(request), "InvalidParameter", 400);
    }

    @Test
    void decryptAcceptsContextInAnyKeyOrder() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("crypto context order");
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("b", "2");
        reversed.put("a", "1");
        String blob = kms.encrypt(keyId, PLAINTEXT, forward).ciphertextBlob();

        assertThat(kms.decrypt(blob, reversed).plaintext()).isEqualTo(PLAINTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"Key\":\"Value\"}]", "{\"Key\":12345}", "{\"Key\":[\"v1\",\"v2\"]}", "not json"})
    void encryptWithMalformedContextIsInvalidParameter(String context) {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("crypto malformed context");
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(keyId);
        request.setPlaintext(PLAINTEXT);
        request.setEncryptionContext(context);

        assertFails(() -> kms.call(request), "InvalidParameter", 400);
    }

    @Test
    void missingKeyIsReportedBeforeParameters() {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(UUID.randomUUID().toString());
        request.setPlaintext(PLAINTEXT);
        request.setEncryptionContext("not json");

        assertFails(() -> kms.call(request), "Forbidden.KeyNotFound", 404);
    }

    @Test
    void parametersAreCheckedBeforeKeyState() {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("crypto check order");
        String blob = kms.encrypt(keyId, PLAINTEXT, CONTEXT).ciphertextBlob();
        kms.disableKey(keyId);
        EncryptRequest encrypt = new EncryptRequest();
        encrypt.setKeyId(keyId);
        encrypt.setPlaintext(PLAINTEXT);
        encrypt.setEncryptionContext("not json");
        DecryptRequest decrypt = new DecryptRequest();
        decrypt.setCiphertextBlob(blob);
        decrypt.setEncryptionContext("not json");

        assertFails(() -> kms.call(encrypt), "InvalidParameter", 400);
        assertFails(() -> kms.call(decrypt), "InvalidParameter", 400);
        assertFails(() -> kms.decrypt(blob, Map.of("other", "context")), "Rejected.Disabled", 409);
    }

    @Test
    void encryptOfMaximumPlaintextSucceeds() {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("crypto maximum plaintext");
        String plaintext = "p".repeat(CryptoParameters.MAX_PLAINTEXT_BYTES);

        String blob = kms.encrypt(keyId, plaintext, null).ciphertextBlob();

        assertThat(kms.decrypt(blob, null).plaintext()).isEqualTo(plaintext);
    }

    @Test
    void encryptOfOversizedPlaintextIsInvalidParameter() {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("crypto oversized plaintext");

        assertFails(() -> kms.encrypt(keyId, "p".repeat(CryptoParameters.MAX_PLAINTEXT_BYTES + 1), null),
                "InvalidParameter", 400);
    }

    @Test
    void encryptWithoutPlaintextIsMissingParameter() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("crypto missing plaintext");

        assertFails(() -> kms.encrypt(keyId, null, null), "MissingParameter", 400);
    }

    @Test
    void decryptWithoutBlobIsMissingParameter() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);

        assertFails(() -> kms.decrypt(null, null), "MissingParameter", 400);
    }

    @Test
    void encryptWithUnknownKeyIsKeyNotFound() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);

        assertFails(() -> kms.encrypt(UUID.randomUUID().toString(), PLAINTEXT, null), "Forbidden.KeyNotFound", 404);
    }

    @Test
    void encryptWithUnknownAliasIsAliasNotFound() {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);

        assertFails(() -> kms.encrypt(uniqueAlias("crypto-unknown"), PLAINTEXT, null), "Forbidden.AliasNotFound",
                404);
    }

    @Test
    void dryRunIsUnsupported() {
        PopCryptoKmsDriver kms = popDriver(uniqueRegion(), MethodType.POST);
        String keyId = kms.createKey("crypto dry run");
        EncryptRequest request = new EncryptRequest();
        request.setKeyId(keyId);
        request.setPlaintext(PLAINTEXT);
        request.setDryRun("true");

        assertFails(() -> kms.call(request), "UnsupportedOperation", 400);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            -,       -,    32
            AES_256, -,    32
            AES_128, -,    16
            -,       1,    1
            -,       24,   24
            AES_128, 64,   64
            -,       1024, 1024
            """)
    void generateDataKeyReturnsRequestedLength(String keySpec, Integer numberOfBytes, int expectedBytes) {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("crypto data key length");

        DataKeyView dataKey = kms.generateDataKey(keyId, keySpec, numberOfBytes, CONTEXT);

        assertThat(Base64.getDecoder().decode(dataKey.plaintext())).hasSize(expectedBytes);
        assertThat(dataKey.keyId()).isEqualTo(keyId);
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void dataKeyBlobDecryptsToItsPlaintext(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("crypto data key round trip");
        String alias = uniqueAlias("crypto-data-key");
        kms.createAlias(keyId, alias);

        DataKeyView dataKey = kms.generateDataKey(alias, null, null, CONTEXT);
        Decrypted decrypted = kms.decrypt(dataKey.ciphertextBlob(), CONTEXT);

        assertThat(decrypted.plaintext()).isEqualTo(dataKey.plaintext());
        assertThat(decrypted.keyId()).isEqualTo(keyId);
        assertThat(decrypted.keyVersionId()).isEqualTo(dataKey.keyVersionId());
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void dataKeyWithoutPlaintextDecryptsToRequestedLength(Sdk sdk) {
        CryptoKmsDriver kms = driver(sdk);
        String keyId = kms.createKey("crypto data key without plaintext");

        DataKeyView dataKey = kms.generateDataKeyWithoutPlaintext(keyId, "AES_128", null, null);
        String plaintext = kms.decrypt(dataKey.ciphertextBlob(), null).plaintext();

        assertThat(dataKey.keyId()).isEqualTo(keyId);
        assertThat(Base64.getDecoder().decode(plaintext)).hasSize(16);
    }

    // The SDK reply models have no Plaintext field, so this reads the JSON of an unsigned request, which
    // the default lenient mode runs as the default account's root.
    @ParameterizedTest
    @CsvSource({"GenerateDataKeyWithoutPlaintext, false", "GenerateDataKey, true"})
    void dataKeyReplyHasPlaintextOnlyWhenDocumented(String action, boolean hasPlaintext) throws Exception {
        CryptoKmsDriver kms = driver(Sdk.TEA_V3);
        String keyId = kms.createKey("crypto reply fields");
        URI uri = URI.create("http://127.0.0.1:%d/?Version=2016-01-20&Action=%s&KeyId=%s"
                .formatted(port, action, keyId));

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JsonMapper.shared().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.has("CiphertextBlob")).as("has CiphertextBlob").isTrue();
        assertThat(body.has("KeyVersionId")).as("has KeyVersionId").isTrue();
        assertThat(body.has("Plaintext")).as("has Plaintext").isEqualTo(hasPlaintext);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            AES_512, -
            aes_256, -
            -,       0
            -,       1025
            -,       -1
            AES_256, 0
            """)
    void dataKeyParameterErrorsAreInvalidParameter(String keySpec, Integer numberOfBytes) {
        CryptoKmsDriver kms = driver(Sdk.POP_POST);
        String keyId = kms.createKey("crypto data key errors");

        assertFails(() -> kms.generateDataKey(keyId, keySpec, numberOfBytes, null), "InvalidParameter", 400);
        assertFails(() -> kms.generateDataKeyWithoutPlaintext(keyId, keySpec, numberOfBytes, null),
                "InvalidParameter", 400);
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static byte[] replacePrefix(byte[] bytes, String prefix) {
        byte[] copy = bytes.clone();
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, copy, 0, 36);
        return copy;
    }
}
