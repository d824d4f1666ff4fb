package dev.localkms.alias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.aliyuncs.http.MethodType;
import dev.localkms.sdk.KmsDriver;
import dev.localkms.sdk.KmsDriver.AliasPage;
import dev.localkms.sdk.KmsDriver.AliasView;
import dev.localkms.sdk.SdkError;
import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The alias lifecycle through each official SDK: create, page, rebind, resolve and delete. */
class AliasSdkIT extends IntegrationTest {

    private static final int ALIAS_COUNT = 25;
    private static final int PAGE_SIZE = 10;

    /** The SDK and signing mode of one run. */
    enum Sdk {
        TEA_V3,
        TEA_V1,
        POP_POST,
        POP_GET
    }

    private final List<String> createdAliases = new ArrayList<>();
    private KmsDriver driver;

    @AfterEach
    void deleteCreatedAliases() {
        // The default region is shared with other tests, and its alias quota too.
        for (String aliasName : createdAliases) {
            try {
                driver.deleteAlias(aliasName);
            } catch (SdkError e) {
                assertThat(e.code()).as("cleanup of %s", aliasName).isEqualTo("Forbidden.AliasNotFound");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Sdk.class)
    void aliasLifecycle(Sdk sdk) {
        driver = driver(sdk);
        String firstKey = driver.createKey("alias lifecycle, first key");
        String secondKey = driver.createKey("alias lifecycle, second key");
        String prefix = uniqueAlias(sdk.name().toLowerCase().replace('_', '-'));
        List<String> names = IntStream.rangeClosed(1, ALIAS_COUNT)
                .mapToObj(i -> "%s-%02d".formatted(prefix, i))
                .toList();
        for (String name : names) {
            driver.createAlias(firstKey, name);
            createdAliases.add(name);
        }

        assertPagesByKey(firstKey, names, firstKey);
        assertPagesByKey(keyArn(driver, firstKey), names, firstKey);
        if (sdk == Sdk.POP_POST || sdk == Sdk.POP_GET) {
            assertExactPages(names, firstKey);
        } else {
            assertSharedPages(names);
        }

        String moved = names.get(7);
        driver.updateAlias(secondKey, moved);
        List<String> stillOnFirst = names.stream().filter(name -> !name.equals(moved)).toList();
        assertThat(aliasNames(driver.listAliasesByKeyId(firstKey, 1, 100))).isEqualTo(stillOnFirst);
        AliasPage secondPage = driver.listAliasesByKeyId(secondKey, 1, 100);
        assertThat(secondPage.totalCount()).isEqualTo(1);
        assertThat(secondPage.aliases()).extracting(AliasView::aliasName).containsExactly(moved);
        assertThat(secondPage.aliases()).extracting(AliasView::keyId).containsExactly(secondKey);
        assertThat(driver.describeKey(moved).keyId()).isEqualTo(secondKey);

        driver.deleteAlias(moved);
        assertThatThrownBy(() -> driver.describeKey(moved))
                .isInstanceOfSatisfying(SdkError.class, error -> {
                    assertThat(error.code()).isEqualTo("Forbidden.AliasNotFound");
                    assertThat(error.status()).isEqualTo(404);
                });
        assertThat(driver.listAliasesByKeyId(secondKey, 1, 10).totalCount()).isZero();
    }

    @Test
    void namesDifferingInCaseAreDistinct() {
        driver = teaV3();
        String lowerKey = driver.createKey("lower-case alias");
        String upperKey = driver.createKey("upper-case alias");
        String lower = uniqueAlias("case");
        String upper = lower.replace("alias/case", "alias/CASE");
        driver.createAlias(lowerKey, lower);
        createdAliases.add(lower);
        driver.createAlias(upperKey, upper);
        createdAliases.add(upper);

        assertThat(driver.describeKey(lower).keyId()).isEqualTo(lowerKey);
        assertThat(driver.describeKey(upper).keyId()).isEqualTo(upperKey);
    }

    private KmsDriver driver(Sdk sdk) {
        return switch (sdk) {
            case TEA_V3 -> teaV3();
            case TEA_V1 -> teaV1();
            case POP_POST -> pop(uniqueRegion(), MethodType.POST);
            case POP_GET -> pop(uniqueRegion(), MethodType.GET);
        };
    }

    private static String keyArn(KmsDriver driver, String keyId) {
        String arn = driver.describeKey(keyId).arn();
        assertThat(arn).isEqualTo("acs:kms:%s:%s:key/%s".formatted(driver.regionId(), ACCOUNT_ID, keyId));
        return arn;
    }

    /** Pages through ListAliasesByKeyId, given a key ID or ARN, expecting exactly {@code names} in order. */
    private void assertPagesByKey(String keyIdOrArn, List<String> names, String keyId) {
        List<AliasView> seen = new ArrayList<>();
        int[] expectedSizes = {10, 10, 5, 0};
        for (int pageNumber = 1; pageNumber <= expectedSizes.length; pageNumber++) {
            AliasPage page = driver.listAliasesByKeyId(keyIdOrArn, pageNumber, PAGE_SIZE);
            assertThat(page.totalCount()).as("TotalCount of page %d", pageNumber).isEqualTo(ALIAS_COUNT);
            assertThat(page.pageNumber()).as("PageNumber of page %d", pageNumber).isEqualTo(pageNumber);
            assertThat(page.pageSize()).as("PageSize of page %d", pageNumber).isEqualTo(PAGE_SIZE);
            assertThat(page.aliases()).as("entries of page %d", pageNumber).hasSize(expectedSizes[pageNumber - 1]);
            seen.addAll(page.aliases());
        }
        assertThat(aliasNames(seen)).isEqualTo(names);
        assertThat(seen).extracting(AliasView::keyId).containsOnly(keyId);
        assertThat(seen).extracting(AliasView::aliasArn).isEqualTo(names.stream()
                .map(name -> "acs:kms:%s:%s:%s".formatted(driver.regionId(), ACCOUNT_ID, name))
                .toList());
    }

    /** Pages through ListAliases in a region of the test's own, where only {@code names} exist. */
    private void assertExactPages(List<String> names, String keyId) {
        List<AliasView> seen = new ArrayList<>();
        int[] expectedSizes = {10, 10, 5, 0};
        for (int pageNumber = 1; pageNumber <= expectedSizes.length; pageNumber++) {
            AliasPage page = driver.listAliases(pageNumber, PAGE_SIZE);
            assertThat(page.totalCount()).as("TotalCount of page %d", pageNumber).isEqualTo(ALIAS_COUNT);
            assertThat(page.pageNumber()).as("PageNumber of page %d", pageNumber).isEqualTo(pageNumber);
            assertThat(page.aliases()).as("entries of page %d", pageNumber).hasSize(expectedSizes[pageNumber - 1]);
            seen.addAll(page.aliases());
        }
        assertThat(aliasNames(seen)).isEqualTo(names);
        assertThat(seen).extracting(AliasView::keyId).containsOnly(keyId);
    }

    /**
     * Pages through ListAliases in the default region, which other tests share: this test's aliases
     * must appear in creation order, nothing may appear twice, and TotalCount must not change.
     */
    private void assertSharedPages(List<String> names) {
        AliasPage first = driver.listAliases(1, PAGE_SIZE);
        int total = first.totalCount();
        assertThat(total).isGreaterThanOrEqualTo(ALIAS_COUNT);
        int lastPage = (total + PAGE_SIZE - 1) / PAGE_SIZE;
        List<String> seen = new ArrayList<>(aliasNames(first.aliases()));
        for (int pageNumber = 2; pageNumber <= lastPage + 1; pageNumber++) {
            AliasPage page = driver.listAliases(pageNumber, PAGE_SIZE);
            assertThat(page.totalCount()).as("TotalCount of page %d", pageNumber).isEqualTo(total);
            int expectedSize = pageNumber <= lastPage ? Math.min(PAGE_SIZE, total - (pageNumber - 1) * PAGE_SIZE) : 0;
            assertThat(page.aliases()).as("entries of page %d", pageNumber).hasSize(expectedSize);
            seen.addAll(aliasNames(page.aliases()));
        }
        Set<String> distinct = new HashSet<>(seen);
        assertThat(distinct).as("distinct aliases across pages").hasSize(seen.size());
        assertThat(seen.stream().filter(names::contains).toList()).isEqualTo(names);
    }

    private static List<String> aliasNames(AliasPage page) {
        return aliasNames(page.aliases());
    }

    private static List<String> aliasNames(List<AliasView> aliases) {
        return aliases.stream().map(AliasView::aliasName).toList();
    }
}
