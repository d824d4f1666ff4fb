package dev.localkms.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;

import dev.localkms.auth.signature.Acs3Signature;
import dev.localkms.auth.signature.RpcV1Signature;
import dev.localkms.auth.signature.SignedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Sends random and mutated RPC requests of both products over real HTTP and checks every reply: never a
 * 5xx, always Alibaba's error body or a well-formed reply, and no stored change from a rejected request.
 * QuickTheories generates the requests and shrinks a failing one.
 *
 * <p>The service runs with the integration tests' seed file in a Spring context and H2 database of its
 * own, closed after this class. It does not extend {@code SeededIntegrationTest}, for two reasons. The
 * fuzzed requests sign with the seeded root key, so they delete and change seeded keys, aliases and users
 * that the shared seeded context must keep. And that base records every {@code Plaintext} parameter for
 * the log scan, which would then search the logs for fuzzed values such as {@code 1}.
 *
 * <p>A failing run prints the falsifying request and the seed. To replay it, pass the seed:
 * {@code ./mvnw -B -ntp verify -Dit.test=RpcFuzzIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dkms.fuzz.seed=SEED}. {@code -Dkms.fuzz.examples=N} changes the number of requests (10,000 by default).
 * A replay generates the same requests, apart from fresh nonces and timestamps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kms.seed-file=classpath:seed/seeded-it.yml")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RpcFuzzIT {

    private static final Logger LOG = LoggerFactory.getLogger(RpcFuzzIT.class);
    private static final int DEFAULT_EXAMPLES = 10_000;
    /** server.max-http-request-header-size in application.yml. */
    private static final int MAX_REQUEST_HEAD_BYTES = 64 * 1024;
    private static final String KMS_VERSION = "2016-01-20";
    private static final String RAM_VERSION = "2015-05-01";
    private static final List<String> KMS_ACTIONS = List.of("CreateKey", "DescribeKey", "ListKeys", "CreateAlias",
            "UpdateAlias", "ListAliases", "ListAliasesByKeyId", "DeleteAlias", "EnableKey", "DisableKey",
            "ScheduleKeyDeletion", "CancelKeyDeletion", "UpdateKeyDescription", "Encrypt", "Decrypt",
            "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeRegions", "");
    private static final List<String> RAM_ACTIONS = List.of("CreateUser", "GetUser", "ListUsers", "DeleteUser",
            "CreateAccessKey", "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey", "CreatePolicy", "GetPolicy",
            "ListPolicies", "DeletePolicy", "AttachPolicyToUser", "DetachPolicyFromUser", "ListPoliciesForUser",
            "GetAccountAlias");
    private static final List<String> PARAMETER_NAMES = List.of("KeyId", "AliasName", "Plaintext", "CiphertextBlob",
            "PageSize", "PageNumber", "Description", "KeySpec", "KeyUsage", "Origin", "ProtectionLevel",
            "PendingWindowInDays", "EncryptionContext", "NumberOfBytes", "Filters", "DryRun", "Tags", "UserName",
            "DisplayName", "Comments", "Email", "MobilePhone", "PolicyName", "PolicyDocument", "PolicyType",
            "Marker", "MaxItems", "UserAccessKeyId", "Status", "NewUserName", "RegionId", "Format", "Action",
            "Version", "AccessKeyId", "Signature", "Timestamp", "SignatureNonce", "x", "keyid");
    /** Access keys of the seed file, with their secrets, that the signed tries use. */
    private static final List<Map.Entry<String, String>> ACCESS_KEYS = List.of(
            Map.entry("LTAI5tLocalKmsRootKey00", "LocalKmsRootSecret000000000000"),
            Map.entry("LTAISeedAccountBRoot0001", "SeedSecretAccountBRoot00000001"),
            Map.entry("LTAISeedKmsReader0000001", "SeedSecretKmsReader00000000001"),
            Map.entry("LTAISeedInactiveKey00001", "SeedSecretInactiveKey000000001"));
    /** Tables whose content a rejected request must leave alone. Nonces are left out, because a correctly
     *  signed request records its nonce before the action runs, as replay protection requires. */
    private static final List<String> EXCLUDED_TABLES = List.of("signature_nonce", "flyway_schema_history");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    private RawHttpConnection connection;
    private String fingerprintQuery;
    /** Number of replies per status and error code, such as {@code 404 InvalidKeyId.NotFound}. */
    private final Map<String, Integer> replyCounts = new TreeMap<>();

    @BeforeEach
    void connect() {
        connection = new RawHttpConnection(port);
        fingerprintQuery = buildFingerprintQuery();
    }

    @AfterEach
    void disconnect() throws IOException {
        connection.close();
        LOG.info("Replies to the fuzzed requests by status and code: {}", replyCounts);
    }

    @Test
    void fuzzedRequestsGetNoServerError() {
        QuickTheory theory = QuickTheory.qt().withExamples(Integer.getInteger("kms.fuzz.examples", DEFAULT_EXAMPLES));
        String seed = System.getProperty("kms.fuzz.seed", "");
        if (!seed.isBlank()) {
            theory = theory.withFixedSeed(Long.parseLong(seed.trim()));
        }
        theory.forAll(requests()).checkAssert(this::sendAndCheck);
    }

    private void sendAndCheck(FuzzRequest request) {
        try {
            String before = fingerprint();
            RawHttpConnection.Reply reply;
            try {
                reply = connection.send(request.method(), request.target(), request.headers(), request.body());
            } catch (RawHttpConnection.StaleConnectionException e) {
                // Tomcat rejects a request line and headers over server.max-http-request-header-size, or a
                // raw non-ASCII byte in the request target, with 400 and closes the connection without
                // reading the rest. While the client still writes, the close arrives as a reset, which can
                // discard the 400 before the client reads it.
                // NOTE: such requests are checked only for storing nothing, not for their status.
                assertThat(request.headSize() > MAX_REQUEST_HEAD_BYTES || request.hasRawByteInTarget())
                        .as("%s is one that Tomcat rejects before the body, yet its connection closed: %s",
                                request, e.getMessage())
                        .isTrue();
                replyCounts.merge("connection closed by Tomcat", 1, Integer::sum);
                assertThat(fingerprint()).as("stored data after the rejected %s", request).isEqualTo(before);
                return;
            }

            assertThat(reply.status()).as("status of %s", request).isBetween(200, 499);
            String contentType = reply.headers().getOrDefault("content-type", "");
            replyCounts.merge(reply.status() + " " + codeOf(reply.body()), 1, Integer::sum);
            if (reply.status() >= 400) {
                assertErrorBody(contentType, reply.body(), request);
                assertThat(fingerprint()).as("stored data after the rejected %s", request).isEqualTo(before);
            } else {
                assertSuccessBody(contentType, reply.body(), request);
            }
        } catch (Exception e) {
            // checkAssert takes a Consumer, which cannot throw checked exceptions such as IOException.
            throw new AssertionError("Checking the reply to " + request + " failed: " + e, e);
        }
    }

    private static Gen<FuzzRequest> requests() {
        Gen<String> kmsAction = Generate.pick(KMS_ACTIONS);
        Gen<String> ramAction = Generate.pick(RAM_ACTIONS);
        Gen<Map.Entry<String, String>> versionAndAction = Generate.oneOf(
                kmsAction.map(action -> Map.entry(KMS_VERSION, action)),
                ramAction.map(action -> Map.entry(RAM_VERSION, action)),
                Generate.pick(List.of("", "2014-01-01", "2016-01-20 ", "latest")).zip(kmsAction, Map::entry));
        Gen<List<Map.Entry<String, String>>> parameters = lists()
                .of(Generate.pick(PARAMETER_NAMES).zip(values(), Map::entry))
                .ofSizeBetween(0, 6);
        // Most tries are well formed and correctly signed, so that they reach the actions' own checks.
        Gen<Signing> signing = Generate.frequency(List.of(Pair.of(12, Generate.constant(Signing.NONE)),
                Pair.of(10, Generate.constant(Signing.V1)), Pair.of(10, Generate.constant(Signing.V3)),
                Pair.of(15, Generate.enumValues(Signing.class))));
        Gen<Map.Entry<Signing, Integer>> signingAndAccessKey = signing.zip(
                integers().between(0, ACCESS_KEYS.size() - 1), Map::entry);
        Gen<List<Mutation>> mutations = Generate.frequency(List.of(Pair.of(3, Generate.constant(List.of())),
                Pair.of(2, lists().of(Generate.enumValues(Mutation.class)).ofSizeBetween(1, 2))));
        return versionAndAction.zip(parameters, Generate.enumValues(Placement.class), signingAndAccessKey, mutations,
                (chosenAction, chosenParameters, placement, signer, chosenMutations) -> build(chosenAction,
                        chosenParameters, placement, signer.getKey(), chosenMutations, signer.getValue()));
    }

    /** Parameter values: valid ones of the seed file, wrong types, odd text and huge values. */
    private static Gen<String> values() {
        // A huge value comes from its length and a seed rather than from one draw per character, which
        // would make QuickTheories record and replay tens of thousands of draws per request.
        Gen<String> hugeValue = integers().between(1000, 40_000).zip(longs().all(), RpcFuzzIT::hugeValue);
        return Generate.frequency(List.of(
                Pair.of(4, Generate.pick(List.of("08ec3bb9-034f-485b-b1cd-3459baa80001",
                        "127d2f84-ee5f-4f4d-9d41-dbc1aca20001",
                        "d15ab1ed-7e57-4000-8000-000000000001", "alias/seeded-a", "alias/example", "alias/fuzz",
                        "acs:kms:cn-hangzhou:1234567890123456:key/08ec3bb9-034f-485b-b1cd-3459baa80001",
                        "alias-creator", "kms-reader", "AliyunKMSFullAccess", "System", "Custom", "Active",
                        "Inactive", "Aliyun_AES_256", "AES_128", "ENCRYPT/DECRYPT", "cn-hangzhou", "XML", "JSON",
                        "secret text", "{\"k\":\"v\"}", "[{\"Key\":\"KeyState\",\"Values\":[\"Enabled\"]}]",
                        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"))),
                Pair.of(2, integers().between(-5, 2000).map(number -> String.valueOf(number))),
                Pair.of(1, Generate.pick(List.of("99999999999999999999", "-1", "1.5", "1e3", "0x10", "true", "false",
                        "null", "", " ", "%", "\u0000", "alias/", "alias/acs/x", "{", "[]", "{\"Version\":\"1\"}",
                        "AAAA", "not base64!", "2024-01-01T00:00:00Z"))),
                Pair.of(3, strings().allPossible().ofLengthBetween(0, 40)),
                Pair.of(1, hugeValue)));
    }

    /** Returns at least {@code length} characters of letters, non-ASCII text, an emoji and URL delimiters. */
    private static String hugeValue(int length, long seed) {
        List<String> pieces = List.of("a", "\u00e9", "\u20ac", "\uD83D\uDE00", "%", "+", "&", "=");
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder value = new StringBuilder(length + 1);
        while (value.length() < length) {
            value.append(pieces.get(random.nextInt(pieces.size())));
        }
        return value.toString();
    }

    /** Where the parameters travel. */
    enum Placement { QUERY, FORM, SPLIT, JSON_BODY }

    /** How the request is signed, and how the signature is damaged. */
    enum Signing {
        NONE, V1, V1_GARBLED, V1_NO_SIGNATURE, V1_OLD_TIMESTAMP, V1_BAD_TIMESTAMP, V1_UNKNOWN_KEY, V1_NO_NONCE,
        V1_SHA256_METHOD, V3, V3_GARBLED, V3_NO_SIGNED_HEADERS, V3_WRONG_ALGORITHM, V3_NO_CREDENTIAL,
        V3_EXTRA_PART, V3_NO_DATE, V3_UNKNOWN_KEY
    }

    /** Damage done to the request after it is built and signed. */
    enum Mutation {
        DUPLICATE_PARAMETER, BAD_PERCENT, TRAILING_PERCENT, INVALID_UTF8_ENCODED, INVALID_UTF8_BODY,
        RAW_BYTE_IN_QUERY, DOUBLE_ENCODED, FORMAT_XML, NO_CONTENT_TYPE, WRONG_PATH, EMPTY_PAIRS, HUGE_HEADER,
        MANY_PARAMETERS
    }

    /**
     * One request as sent.
     *
     * @param method HTTP method
     * @param target request target, percent-encoded as sent
     * @param headers headers other than Host and Content-Length
     * @param body body bytes
     * @param description what the generator chose, for failure messages
     */
    record FuzzRequest(String method, String target, Map<String, String> headers, byte[] body, String description) {

        /** Returns the size in bytes of the request line and headers, which Tomcat limits. */
        int headSize() {
            int size = method.length() + target.length() + 32;
            for (Map.Entry<String, String> header : headers.entrySet()) {
                size += header.getKey().length() + header.getValue().getBytes(StandardCharsets.UTF_8).length + 4;
            }
            return size;
        }

        /** Returns whether the request target contains a byte outside printable ASCII, unencoded. */
        boolean hasRawByteInTarget() {
            return target.chars().anyMatch(character -> character < 0x21 || character > 0x7E);
        }

        @Override
        public String toString() {
            String shownTarget = target.length() > 300 ? target.substring(0, 300) + "..." : target;
            return description + " " + method + " " + shownTarget + " (body " + body.length + " bytes)";
        }
    }

    private static FuzzRequest build(Map.Entry<String, String> versionAndAction, List<Map.Entry<String, String>> chosen,
            Placement placement, Signing signing, List<Mutation> mutations, int accessKeyIndex) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (!versionAndAction.getValue().isEmpty()) {
            parameters.add(Map.entry("Action", versionAndAction.getValue()));
        }
        if (!versionAndAction.getKey().isEmpty()) {
            parameters.add(Map.entry("Version", versionAndAction.getKey()));
        }
        for (Map.Entry<String, String> parameter : chosen) {
            if (parameters.stream().noneMatch(existing -> existing.getKey().equals(parameter.getKey()))) {
                parameters.add(parameter);
            }
        }
        Map.Entry<String, String> accessKey = ACCESS_KEYS.get(accessKeyIndex);
        String method = placement == Placement.QUERY ? "GET" : "POST";
        Map<String, String> headers = new LinkedHashMap<>();

        if (signing.name().startsWith("V1")) {
            signV1(parameters, signing, accessKey, method);
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        List<Map.Entry<String, String>> form = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            boolean inQuery = placement == Placement.QUERY || (placement == Placement.SPLIT && i % 2 == 0);
            (inQuery ? query : form).add(parameters.get(i));
        }
        String queryText = encode(query);
        byte[] body;
        if (placement == Placement.JSON_BODY) {
            headers.put("Content-Type", "application/json");
            body = JSON.writeValueAsBytes(form.stream().collect(Collectors.toMap(Map.Entry::getKey,
                    Map.Entry::getValue, (first, second) -> second, LinkedHashMap::new)));
            form = List.of();
        } else if (method.equals("POST")) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            body = encode(form).getBytes(StandardCharsets.UTF_8);
        } else {
            body = new byte[0];
        }
        if (signing.name().startsWith("V3")) {
            signV3(method, query, form, headers, body, versionAndAction, signing, accessKey);
        }

        String path = "/";
        for (Mutation mutation : mutations) {
            switch (mutation) {
                case DUPLICATE_PARAMETER -> queryText = append(queryText, "Action=ListKeys");
                case BAD_PERCENT -> queryText = append(queryText, "KeyId=a%ZZb");
                case TRAILING_PERCENT -> queryText = append(queryText, "Description=x%");
                case INVALID_UTF8_ENCODED -> queryText = append(queryText, "Description=%C3%28%FF%FE");
                case INVALID_UTF8_BODY -> body = concat(body, new byte[] {'&', 'D', 'e', 's', '=', (byte) 0xC3, 0x28,
                        (byte) 0xFF});
                case RAW_BYTE_IN_QUERY -> queryText = append(queryText, "Description=\u00e9");
                case DOUBLE_ENCODED -> queryText = append(queryText, "AliasName=alias%252Fdouble");
                case FORMAT_XML -> queryText = append(queryText, "Format=XML");
                case NO_CONTENT_TYPE -> headers.remove("Content-Type");
                case WRONG_PATH -> path = "/api";
                case EMPTY_PAIRS -> queryText = append(queryText, "&&=&=x&");
                case HUGE_HEADER -> headers.put("X-Padding", "h".repeat(9000));
                case MANY_PARAMETERS -> queryText = append(queryText, java.util.stream.IntStream.range(0, 120)
                        .mapToObj(i -> "P" + i + "=" + i).collect(Collectors.joining("&")));
            }
        }
        String target = queryText.isEmpty() ? path : path + "?" + queryText;
        String description = "%s %s/%s %s %s".formatted(placement, versionAndAction.getKey(),
                versionAndAction.getValue(), signing, mutations);
        return new FuzzRequest(method, target, headers, body, description);
    }

    private static void signV1(List<Map.Entry<String, String>> parameters, Signing signing,
            Map.Entry<String, String> accessKey, String method) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String timestamp = switch (signing) {
            case V1_OLD_TIMESTAMP -> now.minus(1, ChronoUnit.HOURS).toString();
            case V1_BAD_TIMESTAMP -> "yesterday";
            default -> now.toString();
        };
        parameters.removeIf(parameter -> List.of("AccessKeyId", "Signature", "Timestamp", "SignatureNonce",
                "SignatureMethod", "SignatureVersion").contains(parameter.getKey()));
        parameters.add(Map.entry("AccessKeyId", signing == Signing.V1_UNKNOWN_KEY ? "LTAIUnknownKey0000000" : accessKey.getKey()));
        parameters.add(Map.entry("SignatureMethod", signing == Signing.V1_SHA256_METHOD ? "HMAC-SHA256" : "HMAC-SHA1"));
        parameters.add(Map.entry("SignatureVersion", "1.0"));
        parameters.add(Map.entry("Timestamp", timestamp));
        if (signing != Signing.V1_NO_NONCE) {
            parameters.add(Map.entry("SignatureNonce", UUID.randomUUID().toString()));
        }
        String signature = RpcV1Signature.sign(RpcV1Signature.stringToSign(method, parameters, true), accessKey.getValue());
        if (signing == Signing.V1_GARBLED) {
            signature = "x" + signature.substring(1);
        }
        if (signing != Signing.V1_NO_SIGNATURE) {
            parameters.add(Map.entry(RpcV1Signature.SIGNATURE_PARAMETER, signature));
        }
    }

    private static void signV3(String method, List<Map.Entry<String, String>> query, List<Map.Entry<String, String>> form,
            Map<String, String> headers, byte[] body, Map.Entry<String, String> versionAndAction, Signing signing,
            Map.Entry<String, String> accessKey) {
        headers.put("x-acs-action", versionAndAction.getValue());
        headers.put("x-acs-version", versionAndAction.getKey());
        if (signing != Signing.V3_NO_DATE) {
            headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        headers.put("x-acs-content-sha256", sha256Hex(body));
        Map<String, String> signedView = new LinkedHashMap<>(headers);
        signedView.put("host", "127.0.0.1");
        List<String> signedHeaders = Acs3Signature.defaultSignedHeaders(signedView);
        SignedRequest request = new SignedRequest(method, query, form, signedView, body);
        String signature = Acs3Signature.sign(
                Acs3Signature.stringToSign(Acs3Signature.canonicalRequest(request, signedHeaders)), accessKey.getValue());
        String keyId = signing == Signing.V3_UNKNOWN_KEY ? "LTAIUnknownKey0000000" : accessKey.getKey();
        String authorization = switch (signing) {
            case V3_GARBLED -> "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s".formatted(keyId,
                    String.join(";", signedHeaders), "0" + signature.substring(1));
            case V3_NO_SIGNED_HEADERS -> "ACS3-HMAC-SHA256 Credential=%s,Signature=%s".formatted(keyId, signature);
            case V3_WRONG_ALGORITHM -> "ACS3-HMAC-SM3 Credential=%s,SignedHeaders=%s,Signature=%s".formatted(keyId,
                    String.join(";", signedHeaders), signature);
            case V3_NO_CREDENTIAL -> "ACS3-HMAC-SHA256 SignedHeaders=%s,Signature=%s".formatted(
                    String.join(";", signedHeaders), signature);
            case V3_EXTRA_PART -> "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s,Signature=%s"
                    .formatted(keyId, String.join(";", signedHeaders), signature, signature);
            default -> "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s".formatted(keyId,
                    String.join(";", signedHeaders), signature);
        };
        headers.put("Authorization", authorization);
    }

    private static String encode(List<Map.Entry<String, String>> parameters) {
        return parameters.stream()
                .map(parameter -> percentEncode(parameter.getKey()) + "=" + percentEncode(parameter.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String percentEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String append(String query, String pairs) {
        return query.isEmpty() ? pairs : query + "&" + pairs;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertErrorBody(String contentType, String body, FuzzRequest request) throws Exception {
        if (contentType.contains("xml")) {
            Document document = parseXml(body);
            assertThat(document.getDocumentElement().getTagName()).as("XML error root of %s", request).isEqualTo("Error");
            for (String element : List.of("RequestId", "Code", "Message")) {
                assertThat(document.getElementsByTagName(element).getLength()).as("<%s> of %s", element, request)
                        .isEqualTo(1);
            }
            return;
        }
        assertThat(contentType).as("content type of %s", request).contains("json");
        JsonNode error = JSON.readTree(body);
        for (String field : List.of("RequestId", "HostId", "Code", "Message", "Recommend")) {
            assertThat(error.path(field).isString()).as("%s of the error reply %s to %s", field, body, request).isTrue();
        }
        assertThat(error.path("Code").asString()).as("Code of %s", request).isNotBlank();
    }

    private static void assertSuccessBody(String contentType, String body, FuzzRequest request) throws Exception {
        if (contentType.contains("xml")) {
            Document document = parseXml(body);
            assertThat(document.getDocumentElement().getTagName()).as("XML reply root of %s", request).endsWith("Response");
            assertThat(document.getElementsByTagName("RequestId").getLength()).as("RequestId of %s", request).isOne();
            return;
        }
        assertThat(contentType).as("content type of %s", request).contains("json");
        JsonNode reply = JSON.readTree(body);
        assertThat(reply.path("RequestId").isString()).as("RequestId of the reply %s to %s", body, request).isTrue();
        assertThat(reply.has("Code")).as("Code in the successful reply to %s", request).isFalse();
    }

    /** Returns the error code of a JSON or XML reply, or {@code OK}, for the reply counts. */
    private static String codeOf(String body) {
        int start = body.indexOf("Code");
        if (start < 0) {
            return "OK";
        }
        return body.substring(start + 4, Math.min(body.length(), start + 60)).replaceAll("^[\"<>:]+([A-Za-z.]+).*", "$1");
    }

    private static Document parseXml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the row count and a hash of every row of each table, in one query. */
    private String fingerprint() {
        return jdbc.queryForObject(fingerprintQuery, String.class);
    }

    private String buildFingerprintQuery() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        jdbc.query("select table_name, column_name from information_schema.columns where table_schema = 'PUBLIC' "
                + "order by table_name, ordinal_position", row -> {
                    String table = row.getString(1).toLowerCase(java.util.Locale.ROOT);
                    if (!EXCLUDED_TABLES.contains(table)) {
                        columns.computeIfAbsent(table, name -> new ArrayList<>()).add(row.getString(2));
                    }
                });
        assertThat(columns).containsKeys("kms_key", "kms_alias", "access_key", "ram_user", "ram_policy");
        return "select concat_ws(' ', " + columns.entrySet().stream()
                .map(table -> "(select concat(count(*), ':', coalesce(sum(ora_hash(concat_ws('|', %s))), 0)) from %s)"
                        .formatted(String.join(", ", table.getValue()), table.getKey()))
                .collect(Collectors.joining(", ")) + ")";
    }
}
