package dev.localkms.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.PopKmsDriver;
import dev.localkms.sdk.SdkError;
import dev.localkms.sdk.TeaKmsDriver;
import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** CreateKey, DescribeKey and ListKeys through both SDK families. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeySdkIT extends IntegrationTest {

    private static final String WIRE_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    private static final String AES_128 = "Aliyun_AES_128";
    private static final String AES_256 = "Aliyun_AES_256";

    /** The SDK family a test runs with. */
    enum Sdk {
        TEA_V3,
        POP_POST
    }

    /**
     * Five keys made once per SDK family, oldest first: four {@code Aliyun_AES_256} and, last, one
     * {@code Aliyun_AES_128}.
     *
     * @param api the SDK adapter
     * @param keys metadata of the keys as CreateKey returned it
     * @param aliasName an alias of the first key
     */
    record Fixture(KeyApi api, List<Metadata> keys, String aliasName) {

        List<String> keyIds() {
            return keys.stream().map(Metadata::keyId).toList();
        }

        /** Tells whether the driver has a region of its own, so that list counts are exact. */
        boolean ownsRegion() {
            return api instanceof PopKeyApi;
        }
    }

    private final Map<Sdk, Fixture> fixtures = new EnumMap<>(Sdk.class);

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void createKeyReturnsMetadata(Sdk sdk) {
        Fixture fixture = fixture(sdk);
        Metadata created = fixture.keys().get(0);
        Instant now = clock.instant();

        assertThat(created.keyId()).isNotBlank();
        assertThat(created.arn()).isEqualTo(
                "acs:kms:%s:%s:key/%s".formatted(fixture.api().regionId(), ACCOUNT_ID, created.keyId()));
        assertThat(created.creator()).isEqualTo(ACCOUNT_ID);
        assertThat(created.keyState()).isEqualTo("Enabled");
        assertThat(created.keySpec()).isEqualTo(AES_256);
        assertThat(created.keyUsage()).isEqualTo("ENCRYPT/DECRYPT");
        assertThat(created.origin()).isEqualTo("Aliyun_KMS");
        assertThat(created.protectionLevel()).isEqualTo("SOFTWARE");
        assertThat(created.description()).isEqualTo("key 1 of " + sdk);
        assertThat(created.primaryKeyVersion()).isNotBlank();
        assertThat(created.creationDate()).matches(WIRE_DATE);
        assertThat(Instant.parse(created.creationDate())).isBetween(now.minus(Duration.ofMinutes(5)), now);
        assertThat(created.lastRotationDate()).matches(WIRE_DATE);
        assertThat(fixture.keys().get(4).keySpec()).isEqualTo(AES_128);
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void describeKeyByIdArnAndAlias(Sdk sdk) {
        Fixture fixture = fixture(sdk);
        Metadata created = fixture.keys().get(0);

        Metadata byId = fixture.api().describeKey(created.keyId());
        Metadata byArn = fixture.api().describeKey(created.arn());
        Metadata byAlias = fixture.api().describeKey(fixture.aliasName());

        assertThat(byId).isEqualTo(created);
        assertThat(byArn).isEqualTo(created);
        assertThat(byAlias).isEqualTo(created);
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void describeUnknownKeyIsKeyNotFound(Sdk sdk) {
        Fixture fixture = fixture(sdk);

        assertThatThrownBy(() -> fixture.api().describeKey("00000000-0000-4000-8000-000000000000"))
                .isInstanceOfSatisfying(SdkError.class, error -> {
                    assertThat(error.code()).isEqualTo("Forbidden.KeyNotFound");
                    assertThat(error.status()).isEqualTo(404);
                });
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void listKeysPagesInCreationOrder(Sdk sdk) {
        Fixture fixture = fixture(sdk);
        int pageSize = 2;
        KeyPage first = fixture.api().listKeys(1, pageSize, null);
        int total = first.totalCount();
        if (fixture.ownsRegion()) {
            assertThat(total).isEqualTo(fixture.keys().size());
        }
        int lastPage = (total + pageSize - 1) / pageSize;

        List<KeyEntry> seen = new ArrayList<>(first.keys());
        for (int pageNumber = 2; pageNumber <= lastPage + 1; pageNumber++) {
            KeyPage page = fixture.api().listKeys(pageNumber, pageSize, null);
            assertThat(page.totalCount()).as("TotalCount of page %d", pageNumber).isEqualTo(total);
            assertThat(page.pageNumber()).as("PageNumber of page %d", pageNumber).isEqualTo(pageNumber);
            assertThat(page.pageSize()).as("PageSize of page %d", pageNumber).isEqualTo(pageSize);
            int expectedSize = pageNumber <= lastPage ? Math.min(pageSize, total - (pageNumber - 1) * pageSize) : 0;
            assertThat(page.keys()).as("entries of page %d", pageNumber).hasSize(expectedSize);
            seen.addAll(page.keys());
        }

        assertThat(new HashSet<>(seen)).as("distinct keys across pages").hasSize(seen.size());
        List<String> seenIds = seen.stream().map(KeyEntry::keyId).toList();
        assertThat(seenIds.stream().filter(fixture.keyIds()::contains).toList()).isEqualTo(fixture.keyIds());
        for (Metadata key : fixture.keys()) {
            assertThat(seen).as("ListKeys entry of %s", key.keyId()).contains(new KeyEntry(key.keyId(), key.arn()));
        }
    }

    /**
     * One Filters value and which of the fixture's keys, by index, it lists.
     *
     * @param filters the Filters parameter
     * @param expected indexes into {@link Fixture#keys()}
     */
    record FilterCase(String filters, List<Integer> expected) {

        @Override
        public String toString() {
            return filters;
        }
    }

    static Stream<Arguments> filterCases() {
        List<FilterCase> cases = List.of(
                new FilterCase("[{\"Key\":\"KeySpec\",\"Values\":[\"Aliyun_AES_128\"]}]", List.of(4)),
                new FilterCase("[{\"Key\":\"KeySpec\",\"Values\":[\"Aliyun_AES_128\",\"Aliyun_AES_256\"]}]",
                        List.of(0, 1, 2, 3, 4)),
                new FilterCase("[{\"Key\":\"KeyState\",\"Values\":[\"Enabled\"]}]", List.of(0, 1, 2, 3, 4)),
                new FilterCase("[{\"Key\":\"KeyState\",\"Values\":[\"Disabled\"]}]", List.of()),
                new FilterCase("[{\"Key\":\"KeyState\",\"Values\":[\"Enabled\"]},"
                        + "{\"Key\":\"KeySpec\",\"Values\":[\"Aliyun_AES_256\"]}]", List.of(0, 1, 2, 3)),
                new FilterCase("[{\"Key\":\"KeyState\",\"Values\":[\"Disabled\"]},"
                        + "{\"Key\":\"KeySpec\",\"Values\":[\"Aliyun_AES_256\"]}]", List.of()),
                new FilterCase("[]", List.of(0, 1, 2, 3, 4)));
        return Stream.of(Sdk.values()).flatMap(sdk -> cases.stream().map(filterCase -> Arguments.of(sdk, filterCase)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("filterCases")
    void listKeysAppliesFilters(Sdk sdk, FilterCase filterCase) {
        Fixture fixture = fixture(sdk);
        List<String> expected = filterCase.expected().stream().map(fixture.keyIds()::get).toList();

        KeyPage page = fixture.api().listKeys(1, 100, filterCase.filters());

        List<String> listed = page.keys().stream().map(KeyEntry::keyId).toList();
        assertThat(listed.stream().filter(fixture.keyIds()::contains).toList()).isEqualTo(expected);
        if (fixture.ownsRegion()) {
            assertThat(page.totalCount()).isEqualTo(expected.size());
        }
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void listKeysRejectsUnknownFilterKey(Sdk sdk) {
        Fixture fixture = fixture(sdk);

        assertThatThrownBy(() -> fixture.api().listKeys(1, 10, "[{\"Key\":\"Color\",\"Values\":[\"red\"]}]"))
                .isInstanceOfSatisfying(SdkError.class, error -> {
                    assertThat(error.code()).isEqualTo("InvalidParameter");
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.getMessage()).contains("Filters");
                });
    }

    @AfterAll
    void deleteFixtureAliases() {
        fixtures.values().forEach(fixture -> fixture.api().deleteAlias(fixture.aliasName()));
    }

    private Fixture fixture(Sdk sdk) {
        return fixtures.computeIfAbsent(sdk, key -> {
            KeyApi api = key == Sdk.TEA_V3 ? new TeaKeyApi(teaV3()) : new PopKeyApi(pop(uniqueRegion(), MethodType.POST));
            List<Metadata> keys = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                keys.add(api.createKey("key %d of %s".formatted(i, key), i == 5 ? AES_128 : null));
            }
            String aliasName = uniqueAlias("key-sdk");
            api.createAlias(keys.get(0).keyId(), aliasName);
            return new Fixture(api, List.copyOf(keys), aliasName);
        });
    }

    /**
     * The KeyMetadata fields that CreateKey and DescribeKey share.
     */
    record Metadata(String keyId, String arn, String keyState, String keySpec, String keyUsage, String origin,
            String protectionLevel, String description, String creator, String creationDate,
            String lastRotationDate, String primaryKeyVersion) {
    }

    /** One entry of ListKeys. */
    record KeyEntry(String keyId, String keyArn) {
    }

    /** One page of ListKeys. */
    record KeyPage(int totalCount, int pageNumber, int pageSize, List<KeyEntry> keys) {
    }

    /** The key calls of this test, with the full KeyMetadata that the shared drivers leave out. */
    interface KeyApi {

        String regionId();

        /** Creates a key; a null {@code keySpec} leaves the parameter out. */
        Metadata createKey(String description, String keySpec);

        Metadata describeKey(String keyId);

        /** Lists keys; a null {@code filters} leaves the parameter out. */
        KeyPage listKeys(Integer pageNumber, Integer pageSize, String filters);

        void createAlias(String keyId, String aliasName);

        void deleteAlias(String aliasName);
    }

    /** {@link KeyApi} on the current SDK, {@code com.aliyun:kms20160120}, with V3 signatures. */
    record TeaKeyApi(TeaKmsDriver driver) implements KeyApi {

        @Override
        public String regionId() {
            return driver.regionId();
        }

        @Override
        public Metadata createKey(String description, String keySpec) {
            var request = new com.aliyun.kms20160120.models.CreateKeyRequest().setDescription(description)
                    .setKeySpec(keySpec);
            var metadata = TeaKmsDriver.call(() -> driver.client().createKey(request)).getBody().getKeyMetadata();
            return new Metadata(metadata.getKeyId(), metadata.getArn(), metadata.getKeyState(), metadata.getKeySpec(),
                    metadata.getKeyUsage(), metadata.getOrigin(), metadata.getProtectionLevel(),
                    metadata.getDescription(), metadata.getCreator(), metadata.getCreationDate(),
                    metadata.getLastRotationDate(), metadata.getPrimaryKeyVersion());
        }

        @Override
        public Metadata describeKey(String keyId) {
            var request = new com.aliyun.kms20160120.models.DescribeKeyRequest().setKeyId(keyId);
            var metadata = TeaKmsDriver.call(() -> driver.client().describeKey(request)).getBody().getKeyMetadata();
            return new Metadata(metadata.getKeyId(), metadata.getArn(), metadata.getKeyState(), metadata.getKeySpec(),
                    metadata.getKeyUsage(), metadata.getOrigin(), metadata.getProtectionLevel(),
                    metadata.getDescription(), metadata.getCreator(), metadata.getCreationDate(),
                    metadata.getLastRotationDate(), metadata.getPrimaryKeyVersion());
        }

        @Override
        public KeyPage listKeys(Integer pageNumber, Integer pageSize, String filters) {
            var request = new com.aliyun.kms20160120.models.ListKeysRequest().setPageNumber(pageNumber)
                    .setPageSize(pageSize).setFilters(filters);
            var body = TeaKmsDriver.call(() -> driver.client().listKeys(request)).getBody();
            return new KeyPage(body.getTotalCount(), body.getPageNumber(), body.getPageSize(),
                    body.getKeys().getKey().stream().map(key -> new KeyEntry(key.getKeyId(), key.getKeyArn()))
                            .toList());
        }

        @Override
        public void createAlias(String keyId, String aliasName) {
            driver.createAlias(keyId, aliasName);
        }

        @Override
        public void deleteAlias(String aliasName) {
            driver.deleteAlias(aliasName);
        }
    }

    /** {@link KeyApi} on the legacy SDK, {@code aliyun-java-sdk-kms}, with V1 signatures. */
    record PopKeyApi(PopKmsDriver driver) implements KeyApi {

        @Override
        public String regionId() {
            return driver.regionId();
        }

        @Override
        public Metadata createKey(String description, String keySpec) {
            var request = new com.aliyuncs.kms.model.v20160120.CreateKeyRequest();
            request.setDescription(description);
            if (keySpec != null) {
                request.setKeySpec(keySpec);
            }
            var metadata = driver.call(request).getKeyMetadata();
            return new Metadata(metadata.getKeyId(), metadata.getArn(), metadata.getKeyState(), metadata.getKeySpec(),
                    metadata.getKeyUsage(), metadata.getOrigin(), metadata.getProtectionLevel(),
                    metadata.getDescription(), metadata.getCreator(), metadata.getCreationDate(),
                    metadata.getLastRotationDate(), metadata.getPrimaryKeyVersion());
        }

        @Override
        public Metadata describeKey(String keyId) {
            var request = new com.aliyuncs.kms.model.v20160120.DescribeKeyRequest();
            request.setKeyId(keyId);
            var metadata = driver.call(request).getKeyMetadata();
            return new Metadata(metadata.getKeyId(), metadata.getArn(), metadata.getKeyState(), metadata.getKeySpec(),
                    metadata.getKeyUsage(), metadata.getOrigin(), metadata.getProtectionLevel(),
                    metadata.getDescription(), metadata.getCreator(), metadata.getCreationDate(),
                    metadata.getLastRotationDate(), metadata.getPrimaryKeyVersion());
        }

        @Override
        public KeyPage listKeys(Integer pageNumber, Integer pageSize, String filters) {
            var request = new com.aliyuncs.kms.model.v20160120.ListKeysRequest();
            request.setPageNumber(pageNumber);
            request.setPageSize(pageSize);
            if (filters != null) {
                request.setFilters(filters);
            }
            var response = driver.call(request);
            return new KeyPage(response.getTotalCount(), response.getPageNumber(), response.getPageSize(),
                    response.getKeys().stream().map(key -> new KeyEntry(key.getKeyId(), key.getKeyArn())).toList());
        }

        @Override
        public void createAlias(String keyId, String aliasName) {
            driver.createAlias(keyId, aliasName);
        }

        @Override
        public void deleteAlias(String aliasName) {
            driver.deleteAlias(aliasName);
        }
    }
}
