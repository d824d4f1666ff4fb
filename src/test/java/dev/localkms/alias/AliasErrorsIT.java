package dev.localkms.alias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.KmsDriver;
import dev.localkms.sdk.PopKmsDriver;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaKmsDriver;
import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each alias error reaches both SDK families with its Code, HTTP status and a message naming the value. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AliasErrorsIT extends IntegrationTest {

    private static final String UNKNOWN_KEY_ID = "00000000-0000-4000-8000-000000000000";
    private static final String OTHER_ACCOUNT_ID = "9999999999999999";
    private static final String MISSING_ALIAS = uniqueAlias("missing");
    private static final String LONG_ALIAS = "alias/" + "a".repeat(256);

    /** The SDK family a case runs with. */
    enum Sdk {
        TEA_V3,
        POP_POST
    }

    /**
     * An existing key with one alias, made once per SDK family.
     *
     * @param driver the SDK driver
     * @param keyId the key
     * @param aliasName an alias of the key
     */
    record Fixture(KmsDriver driver, String keyId, String aliasName) {

        String keyArnIn(String regionId, String accountId) {
            return "acs:kms:%s:%s:key/%s".formatted(regionId, accountId, keyId);
        }
    }

    /**
     * One failing call and the error it must produce.
     *
     * @param description what the call does wrong
     * @param call the call, made with the fixture of one SDK family
     * @param code the expected {@code Code}
     * @param status the expected HTTP status
     * @param namedValue the value that the message must name
     */
    record ErrorCase(String description, Consumer<Fixture> call, String code, int status,
            Function<Fixture, String> namedValue) {

        @Override
        public String toString() {
            return description;
        }
    }

    private final Map<Sdk, Fixture> fixtures = new EnumMap<>(Sdk.class);

    static Stream<Arguments> errorCases() {
        return Stream.of(Sdk.values()).flatMap(sdk -> cases().stream().map(errorCase -> Arguments.of(sdk, errorCase)));
    }

    private static List<ErrorCase> cases() {
        return List.of(
                new ErrorCase("CreateAlias with a taken name",
                        f -> f.driver().createAlias(f.keyId(), f.aliasName()),
                        "AliasAlreadyExists", 400, Fixture::aliasName),
                new ErrorCase("UpdateAlias of an unknown alias",
                        f -> f.driver().updateAlias(f.keyId(), MISSING_ALIAS),
                        "Forbidden.AliasNotFound", 404, f -> MISSING_ALIAS),
                new ErrorCase("DeleteAlias of an unknown alias",
                        f -> f.driver().deleteAlias(MISSING_ALIAS),
                        "Forbidden.AliasNotFound", 404, f -> MISSING_ALIAS),
                new ErrorCase("CreateAlias on an unknown key ID",
                        f -> f.driver().createAlias(UNKNOWN_KEY_ID, uniqueAlias("unknown-key")),
                        "Forbidden.KeyNotFound", 404, f -> UNKNOWN_KEY_ID),
                new ErrorCase("CreateAlias on a key ARN of another region",
                        f -> f.driver().createAlias(f.keyArnIn("cn-beijing", ACCOUNT_ID), uniqueAlias("other-region")),
                        "Forbidden.KeyNotFound", 404, f -> f.keyArnIn("cn-beijing", ACCOUNT_ID)),
                new ErrorCase("CreateAlias on a key ARN of another account",
                        f -> f.driver().createAlias(f.keyArnIn(f.driver().regionId(), OTHER_ACCOUNT_ID),
                                uniqueAlias("other-account")),
                        "Forbidden.KeyNotFound", 404, f -> f.keyArnIn(f.driver().regionId(), OTHER_ACCOUNT_ID)),
                new ErrorCase("UpdateAlias to an unknown key ID",
                        f -> f.driver().updateAlias(UNKNOWN_KEY_ID, f.aliasName()),
                        "Forbidden.KeyNotFound", 404, f -> UNKNOWN_KEY_ID),
                new ErrorCase("ListAliasesByKeyId of an unknown key ID",
                        f -> f.driver().listAliasesByKeyId(UNKNOWN_KEY_ID, 1, 10),
                        "Forbidden.KeyNotFound", 404, f -> UNKNOWN_KEY_ID),
                new ErrorCase("CreateAlias without AliasName",
                        f -> createAliasWithOnly(f, "KeyId", f.keyId()),
                        "MissingParameter", 400, f -> "AliasName"),
                new ErrorCase("CreateAlias without KeyId",
                        f -> createAliasWithOnly(f, "AliasName", uniqueAlias("no-key")),
                        "MissingParameter", 400, f -> "KeyId"),
                new ErrorCase("CreateAlias with an alias as KeyId",
                        f -> f.driver().createAlias(f.aliasName(), uniqueAlias("alias-as-key")),
                        "Unsupported.Alias", 400, Fixture::aliasName),
                new ErrorCase("CreateAlias with an alias ARN as KeyId",
                        f -> f.driver().createAlias(aliasArn(f), uniqueAlias("alias-arn-as-key")),
                        "Unsupported.Alias", 400, AliasErrorsIT::aliasArn),
                new ErrorCase("UpdateAlias with an alias as KeyId",
                        f -> f.driver().updateAlias(f.aliasName(), f.aliasName()),
                        "Unsupported.Alias", 400, Fixture::aliasName),
                new ErrorCase("ListAliasesByKeyId with an alias as KeyId",
                        f -> f.driver().listAliasesByKeyId(f.aliasName(), 1, 10),
                        "Unsupported.Alias", 400, Fixture::aliasName),
                invalidAliasName("without the alias/ prefix", "no-prefix"),
                invalidAliasName("with nothing after alias/", "alias/"),
                invalidAliasName("with 256 characters after alias/", LONG_ALIAS),
                invalidAliasName("with a space", "alias/has space"),
                invalidAliasName("with a dot", "alias/has.dot"),
                invalidAliasName("under the reserved alias/acs", "alias/acs/oss"),
                new ErrorCase("ListAliases with PageSize 0",
                        f -> f.driver().listAliases(1, 0), "InvalidParameter", 400, f -> "PageSize"),
                new ErrorCase("ListAliases with PageSize 101",
                        f -> f.driver().listAliases(1, 101), "InvalidParameter", 400, f -> "101"),
                new ErrorCase("ListAliases with PageNumber 0",
                        f -> f.driver().listAliases(0, 10), "InvalidParameter", 400, f -> "PageNumber"),
                new ErrorCase("ListAliasesByKeyId with PageSize 0",
                        f -> f.driver().listAliasesByKeyId(f.keyId(), 1, 0), "InvalidParameter", 400,
                        f -> "PageSize"),
                new ErrorCase("ListAliasesByKeyId with PageSize 101",
                        f -> f.driver().listAliasesByKeyId(f.keyId(), 1, 101), "InvalidParameter", 400,
                        f -> "101"),
                new ErrorCase("ListAliasesByKeyId with PageNumber 0",
                        f -> f.driver().listAliasesByKeyId(f.keyId(), 0, 10), "InvalidParameter", 400,
                        f -> "PageNumber"));
    }

    private static ErrorCase invalidAliasName(String description, String aliasName) {
        // The service shortens values longer than 64 characters in its messages.
        String named = aliasName.length() > 64 ? aliasName.substring(0, 64) : aliasName;
        return new ErrorCase("CreateAlias " + description, f -> f.driver().createAlias(f.keyId(), aliasName),
                "InvalidParameter", 400, f -> named);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("errorCases")
    void errorReachesSdk(Sdk sdk, ErrorCase errorCase) {
        Fixture fixture = fixture(sdk);

        assertThatThrownBy(() -> errorCase.call().accept(fixture))
                .isInstanceOfSatisfying(SdkError.class, error -> {
                    assertThat(error.code()).as("Code").isEqualTo(errorCase.code());
                    assertThat(error.status()).as("HTTP status").isEqualTo(errorCase.status());
                    assertThat(error.getMessage()).as("Message").contains(errorCase.namedValue().apply(fixture));
                });
    }

    @Test
    void quotaRejectsAliasOverLimit() {
        PopKmsDriver driver = pop(uniqueRegion(), MethodType.POST);
        String keyId = driver.createKey("alias quota");
        String prefix = uniqueAlias("quota");
        for (int i = 1; i <= 300; i++) {
            driver.createAlias(keyId, prefix + "-" + i);
        }

        assertThatThrownBy(() -> driver.createAlias(keyId, prefix + "-301"))
                .isInstanceOfSatisfying(SdkError.class, error -> {
                    assertThat(error.code()).as("Code").isEqualTo("Rejected.LimitExceeded");
                    assertThat(error.status()).as("HTTP status").isEqualTo(400);
                    assertThat(error.getMessage()).as("Message").contains("300");
                });
        assertThat(driver.listAliasesByKeyId(keyId, 1, 10).totalCount()).isEqualTo(300);
    }

    @AfterAll
    void deleteFixtureAliases() {
        fixtures.values().forEach(fixture -> fixture.driver().deleteAlias(fixture.aliasName()));
    }

    private Fixture fixture(Sdk sdk) {
        return fixtures.computeIfAbsent(sdk, key -> {
            KmsDriver driver = key == Sdk.TEA_V3 ? teaV3() : pop(uniqueRegion(), MethodType.POST);
            String keyId = driver.createKey("alias errors");
            String aliasName = uniqueAlias("errors");
            driver.createAlias(keyId, aliasName);
            return new Fixture(driver, keyId, aliasName);
        });
    }

    private static String aliasArn(Fixture fixture) {
        return "acs:kms:%s:%s:%s".formatted(fixture.driver().regionId(), ACCOUNT_ID, fixture.aliasName());
    }

    /** Sends CreateAlias with one parameter only, which neither SDK checks on the client side. */
    private static void createAliasWithOnly(Fixture fixture, String name, String value) {
        if (fixture.driver() instanceof TeaKmsDriver tea) {
            var request = new com.aliyun.kms20160120.models.CreateAliasRequest();
            if (name.equals("KeyId")) {
                request.setKeyId(value);
            } else {
                request.setAliasName(value);
            }
            TeaKmsDriver.call(() -> tea.client().createAlias(request));
            return;
        }
        var request = new com.aliyuncs.kms.model.v20160120.CreateAliasRequest();
        if (name.equals("KeyId")) {
            request.setKeyId(value);
        } else {
            request.setAliasName(value);
        }
        ((PopKmsDriver) fixture.driver()).call(request);
    }
}
