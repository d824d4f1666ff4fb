package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.localkms.auth.signature.RpcV1Signature;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Malformed and hostile requests get Alibaba's error reply with a 4xx status, never a 500. */
class BadInputIT extends IntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void malformedPercentEncodingInQuery() throws Exception {
        String json = rawGet("/?Action=DescribeKey&KeyId=a%ZZb");
        String xml = rawGet("/?Action=DescribeKey&Format=XML&KeyId=a%");

        assertThat(json).startsWith("HTTP/1.1 400");
        assertThat(json).contains("\"Code\":\"InvalidParameter\"")
                .contains("The specified parameter \\\"KeyId\\\" is not valid: its value has a malformed "
                        + "percent-encoding \\\"%ZZ\\\" at offset 1");
        assertThat(xml).startsWith("HTTP/1.1 400");
        assertThat(xml).contains("<Code>InvalidParameter</Code>");
    }

    @Test
    void malformedPercentEncodingQuotesNoValue() throws Exception {
        HttpResponse<String> inForm = postForm("Action=Encrypt&KeyId=k&Plaintext=MySecretValue%zzTail",
                "application/x-www-form-urlencoded");
        String inName = rawGet("/?Action=ListKeys&MySecretName%zz");

        assertThat(inForm.statusCode()).isEqualTo(400);
        assertThat(inForm.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The specified parameter \\\"Plaintext\\\" is not valid: its value has a malformed "
                        + "percent-encoding \\\"%zz\\\" at offset 13")
                .doesNotContain("MySecret").doesNotContain("Tail");
        assertThat(inName).startsWith("HTTP/1.1 400")
                .contains("A parameter name has a malformed percent-encoding \\\"%zz\\\" at offset 12")
                .doesNotContain("MySecret");
    }

    @Test
    void requestsTomcatRejectsGetAlibabaBody() throws Exception {
        String rawByte = raw("GET /?Action=ListKeys&PageSize=\u00e9 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String badHost = raw("GET /?Action=ListKeys HTTP/1.1\r\nHost: kms..aliyuncs.com\r\nConnection: close\r\n\r\n");
        String longLine = raw("GET /?Action=ListKeys&Pad=" + "x".repeat(70_000)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        for (String reply : new String[] {rawByte, badHost, longLine}) {
            assertThat(reply).startsWith("HTTP/1.1 4");
            assertThat(reply).contains("\"Code\":\"InvalidParameter\"").contains("\"RequestId\":")
                    .doesNotContain("<html");
        }
    }

    @Test
    void controlCharactersInXmlReply() throws Exception {
        HttpResponse<String> reply = get("/?Action=DescribeKey&Format=XML&KeyId=a%01b%1b");

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.body()).contains("<Code>Forbidden.KeyNotFound</Code>").contains("a\uFFFDb\uFFFD");
    }

    @Test
    void nulCharacterIsRejected() throws Exception {
        String region = uniqueRegion();
        String keyId = get("/?Action=CreateKey&RegionId=" + region).body()
                .replaceAll(".*\"KeyId\":\"([^\"]+)\".*", "$1");
        String policy = URLEncoder.encode("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}", StandardCharsets.UTF_8);
        String userName = "nul-" + System.nanoTime();
        List<Map.Entry<String, String>> requests = List.of(
                Map.entry("Description", "/?Action=CreateKey&RegionId=" + region + "&Description=a%00b"),
                Map.entry("Description", "/?Action=UpdateKeyDescription&RegionId=" + region + "&KeyId=" + keyId
                        + "&Description=a%00b"),
                Map.entry("Comments", "/?Version=2015-05-01&Action=CreateUser&UserName=" + userName
                        + "&Comments=a%00b"),
                Map.entry("Description", "/?Version=2015-05-01&Action=CreatePolicy&PolicyName=" + userName
                        + "&PolicyDocument=" + policy + "&Description=a%00b"));

        for (Map.Entry<String, String> request : requests) {
            HttpResponse<String> reply = get(request.getValue());

            assertThat(reply.statusCode()).as(request.getValue()).isEqualTo(400);
            assertThat(reply.body()).as(request.getValue()).contains("\"Code\":\"InvalidParameter\"")
                    .contains("The specified parameter \\\"" + request.getKey() + "\\\" is not valid: "
                            + "its value contains the character U+0000")
                    .doesNotContain("a\\u0000b");
        }
        assertThat(get("/?Action=ListKeys&RegionId=" + region).body()).contains("\"TotalCount\":1");
        assertThat(get("/?Action=DescribeKey&RegionId=" + region + "&KeyId=" + keyId).body())
                .contains("\"Description\":\"\"");
        assertThat(get("/?Version=2015-05-01&Action=GetUser&UserName=" + userName).statusCode()).isEqualTo(404);
        assertThat(get("/?Version=2015-05-01&Action=GetPolicy&PolicyType=Custom&PolicyName=" + userName)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void nulCharacterInNameIsRejected() throws Exception {
        HttpResponse<String> reply = get("/?Action=ListKeys&Page%00Size=1");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The parameter name \\\"Page%00Size\\\" is not valid: it contains the character U+0000");
    }

    @Test
    void invalidUtf8IsRejected() throws Exception {
        String region = uniqueRegion();
        HttpResponse<String> inQuery = get("/?Action=Encrypt&RegionId=" + region + "&KeyId=k&Plaintext=%FFab%C0%AF");
        HttpResponse<String> inForm = postForm("Action=CreateKey&RegionId=" + region + "&Description=caf%E9",
                "application/x-www-form-urlencoded");
        // raw() sends each character as one ISO-8859-1 byte, so the é is the lone byte 0xE9.
        String rawBody = "Action=CreateKey&RegionId=" + region + "&Description=caf\u00e9";
        String rawByteInForm = raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + rawBody.length()
                + "\r\n\r\n" + rawBody);

        assertThat(inQuery.statusCode()).isEqualTo(400);
        assertThat(inQuery.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The specified parameter \\\"Plaintext\\\" is not valid: its value is not valid UTF-8: "
                        + "the byte at offset 0 of its percent-decoded bytes")
                .doesNotContain("ab");
        assertThat(inForm.statusCode()).isEqualTo(400);
        assertThat(inForm.body()).contains("The specified parameter \\\"Description\\\" is not valid: "
                + "its value is not valid UTF-8: the byte at offset 3");
        assertThat(rawByteInForm).startsWith("HTTP/1.1 400").contains("\\\"Description\\\"")
                .contains("not valid UTF-8");
        assertThat(get("/?Action=ListKeys&RegionId=" + region).body()).contains("\"TotalCount\":0");
    }

    @Test
    void validUtf8IsDecodedUnchanged() throws Exception {
        String region = uniqueRegion();
        HttpResponse<String> created = postForm("Action=CreateKey&RegionId=" + region
                + "&Description=caf%C3%A9+%F0%9F%94%91", "application/x-www-form-urlencoded; charset=utf-8");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("\"Description\":\"caf\u00e9 \uD83D\uDD11\"");
    }

    @Test
    void formInOtherCharsetIsRejected() throws Exception {
        String region = uniqueRegion();
        HttpResponse<String> reply = postForm("Action=CreateKey&RegionId=" + region + "&Description=caf%E9",
                "application/x-www-form-urlencoded; charset=ISO-8859-1");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"")
                .contains("The form body's charset \\\"ISO-8859-1\\\" is not supported: this API reads parameters "
                        + "as UTF-8 only");
        assertThat(get("/?Action=ListKeys&RegionId=" + region).body()).contains("\"TotalCount\":0");
    }

    @Test
    void headAndOptionsAreRejected() throws Exception {
        String region = uniqueRegion();
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/?Action=CreateKey&RegionId=" + region))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> options = send(HttpRequest.newBuilder(uri("/?Action=CreateKey&RegionId=" + region))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(403);
        assertThat(options.statusCode()).isEqualTo(403);
        assertThat(options.body()).contains("\"Code\":\"UnsupportedHTTPMethod\"");
        assertThat(get("/?Action=ListKeys&RegionId=" + region).body()).contains("\"TotalCount\":0");
    }

    @Test
    void optionsAsteriskGetsEmptyReply() throws Exception {
        String reply = raw("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 200").doesNotContain("\"Code\"");
    }

    @Test
    void unsupportedTransferEncodingIsNamed() throws Exception {
        for (String encoding : new String[] {"identity, chunked", "xchunked"}) {
            String reply = raw("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nTransfer-Encoding: "
                    + encoding + "\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
                    + "f\r\nAction=ListKeys\r\n0\r\n\r\n");

            assertThat(reply).as(encoding).startsWith("HTTP/1.1 501").contains("\"Code\":\"InvalidParameter\"")
                    .contains("The request's Transfer-Encoding is not supported")
                    .doesNotContain("http method");
        }
    }

    @Test
    void bodyOfOtherContentTypeIsNamed() throws Exception {
        for (String contentType : new String[] {"text/plain", "application/json"}) {
            HttpResponse<String> reply = postForm("Action=ListKeys", contentType);

            assertThat(reply.statusCode()).as(contentType).isEqualTo(400);
            assertThat(reply.body()).as(contentType).contains("\"Code\":\"MissingParameter\"")
                    .contains("its Content-Type is \\\"" + contentType + "\\\"")
                    .contains("application/x-www-form-urlencoded");
        }
    }

    @Test
    void bodyOverOneMebibyteIsRejected() throws Exception {
        String body = "Action=DescribeKey&KeyId=" + "a".repeat(1024 * 1024);
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("larger than 1048576 bytes");
    }

    @Test
    void longValuesAreAbbreviatedInMessages() throws Exception {
        String body = "Action=DescribeKey&KeyId=" + "b".repeat(30_000);
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.body()).hasSizeLessThan(2000).contains("(30000 characters)");
    }

    @Test
    void duplicateParameterIsRejected() throws Exception {
        HttpResponse<String> reply = get("/?Action=ListAliases&Action=DeleteAlias");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"").contains("more than once");
    }

    @Test
    void multipartBodyIsNotParsed() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"Action\"\r\n\r\n"
                        + "ListKeys\r\n--x--\r\n")));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"MissingParameter\"");
    }

    @Test
    void overflowingPageSizeNamesTheRange() throws Exception {
        HttpResponse<String> reply = get("/?Action=ListAliases&PageSize=99999999999");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("must be between 1 and 100");
    }

    @Test
    void resetWithBadSeedParameterIsInvalid() throws Exception {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/_kms/reset?seed=maybe"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"InvalidParameter\"").contains("maybe");
    }

    @Test
    void policyWithUnknownElementIsMalformed() throws Exception {
        String document = """
                {"Version":"1","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*",
                "Conditon":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}""";
        HttpResponse<String> reply = get("/?Version=2015-05-01&Action=CreatePolicy&PolicyName=typo-"
                + System.nanoTime() + "&PolicyDocument=" + URLEncoder.encode(document, StandardCharsets.UTF_8));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("\"Code\":\"MalformedPolicyDocument\"").contains("Conditon");
    }

    /** Sends a GET whose request line is exactly {@code path}, which {@link URI} would reject. */
    @Test
    void v1OtherSignatureMethodIsRejected() throws Exception {
        HttpResponse<String> documented = get(signedV1ListKeys("HMAC-SHA1", "1.0"));
        HttpResponse<String> sha256Method = get(signedV1ListKeys("HMAC-SHA256", "1.0"));
        HttpResponse<String> version2 = get(signedV1ListKeys("HMAC-SHA1", "2.0"));

        assertThat(documented.statusCode()).isEqualTo(200);
        assertThat(sha256Method.statusCode()).isEqualTo(400);
        assertThat(sha256Method.body()).contains("\"Code\":\"IncompleteSignature\"")
                .contains("The parameter \\\"SignatureMethod\\\" is \\\"HMAC-SHA256\\\", "
                        + "but this service supports only \\\"HMAC-SHA1\\\".");
        assertThat(version2.statusCode()).isEqualTo(400);
        assertThat(version2.body()).contains("\"Code\":\"IncompleteSignature\"")
                .contains("The parameter \\\"SignatureVersion\\\" is \\\"2.0\\\", "
                        + "but this service supports only \\\"1.0\\\".");
    }

    /** Returns a ListKeys path signed with HMAC-SHA1 by the root key, whatever method and version it names. */
    private static String signedV1ListKeys(String signatureMethod, String signatureVersion) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>(List.of(
                Map.entry("Action", "ListKeys"),
                Map.entry("Version", "2016-01-20"),
                Map.entry("Format", "JSON"),
                Map.entry("AccessKeyId", ROOT_ACCESS_KEY_ID),
                Map.entry("SignatureMethod", signatureMethod),
                Map.entry("SignatureVersion", signatureVersion),
                Map.entry("SignatureNonce", UUID.randomUUID().toString()),
                Map.entry("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())));
        String signature = RpcV1Signature.sign(RpcV1Signature.stringToSign("GET", parameters, true), ROOT_SECRET);
        parameters.add(Map.entry(RpcV1Signature.SIGNATURE_PARAMETER, signature));
        return "/?" + parameters.stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private String rawGet(String path) throws Exception {
        return raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} as bytes (ISO-8859-1, so a char above 0x7F is one raw byte) and returns the reply. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> postForm(String body, String contentType) throws Exception {
        return send(HttpRequest.newBuilder(uri("/")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
