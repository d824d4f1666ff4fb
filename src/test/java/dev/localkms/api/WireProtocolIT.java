package dev.localkms.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.localkms.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RPC wire protocol, spoken with plain unsigned HTTP requests as curl users and unusual clients
 * send them (the service runs in lenient mode, so they act as the default account's root).
 */
class WireProtocolIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VERSION = "2016-01-20";
    private static final List<String> ERROR_FIELDS = List.of("RequestId", "HostId", "Code", "Message", "Recommend");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void emptyChunkedPostTakesActionFromHeaders() {
        // A publisher of unknown length makes the client send "Transfer-Encoding: chunked", as kms20160120 does.
        HttpRequest request = request("/").header("x-acs-action", "ListAliases").header("x-acs-version", VERSION)
                .POST(BodyPublishers.fromPublisher(BodyPublishers.noBody())).build();

        HttpResponse<String> response = send(request);

        assertThat(response.request().headers().firstValue("Content-Type")).isEmpty();
        assertListAliasesReply(response);
    }

    @Test
    void formContentTypeWithoutBodyReadsQuery() {
        HttpRequest request = request("/?Action=ListAliases&Version=" + VERSION)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.noBody()).build();

        assertListAliasesReply(send(request));
    }

    @Test
    void getReadsQuery() {
        assertListAliasesReply(get("/?Action=ListAliases&Version=" + VERSION + "&PageSize=5"));
    }

    @Test
    void formPostCarriesEveryParameterInBody() {
        String regionId = uniqueRegion();
        String aliasName = uniqueAlias("form-post");

        JsonNode created = json(formPost(Map.of("Action", "CreateKey", "Version", VERSION, "Format", "JSON",
                "RegionId", regionId, "Description", "form post")), 200);
        String keyId = created.path("KeyMetadata").path("KeyId").asString();
        json(formPost(Map.of("Action", "CreateAlias", "Version", VERSION, "Format", "JSON", "RegionId", regionId,
                "KeyId", keyId, "AliasName", aliasName)), 200);
        JsonNode listed = json(formPost(Map.of("Action", "ListAliasesByKeyId", "Version", VERSION, "Format", "JSON",
                "RegionId", regionId, "KeyId", keyId)), 200);

        assertThat(created.path("KeyMetadata").path("Description").asString()).isEqualTo("form post");
        assertThat(listed.path("TotalCount").asInt()).isEqualTo(1);
        assertThat(listed.path("Aliases").path("Alias").get(0).path("AliasName").asString()).isEqualTo(aliasName);
        assertThat(listed.path("Aliases").path("Alias").get(0).path("AliasArn").asString())
                .isEqualTo("acs:kms:%s:%s:%s".formatted(regionId, ACCOUNT_ID, aliasName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XML", "xml"})
    void formatXmlRendersRepeatedAliasElements(String format) throws Exception {
        String regionId = uniqueRegion();
        String keyId = createKey(regionId);
        List<String> aliasNames = List.of(uniqueAlias("xml-a"), uniqueAlias("xml-b"));
        for (String aliasName : aliasNames) {
            json(get(query("CreateAlias", regionId, "KeyId", keyId, "AliasName", aliasName)), 200);
        }

        HttpResponse<String> response = get(query("ListAliases", regionId, "Format", format));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/xml"));
        Element root = xml(response.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("ListAliasesResponse");
        assertThat(childText(root, "RequestId")).isEqualTo(requestIdHeader(response));
        assertThat(childText(root, "TotalCount")).isEqualTo("2");
        assertThat(childText(root, "PageNumber")).isEqualTo("1");
        assertThat(childText(root, "PageSize")).isEqualTo("10");
        List<Element> aliases = children(child(root, "Aliases"), "Alias");
        assertThat(aliases).extracting(alias -> childText(alias, "AliasName")).isEqualTo(aliasNames);
        assertThat(aliases).extracting(alias -> childText(alias, "KeyId")).containsOnly(keyId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XML", "xml"})
    void formatXmlRendersErrorRoot(String format) throws Exception {
        HttpResponse<String> response = get("/?Action=NoSuchAction&Format=" + format);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/xml"));
        Element root = xml(response.body()).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("Error");
        assertThat(children(root, null)).extracting(Element::getTagName).containsExactlyElementsOf(ERROR_FIELDS);
        assertThat(childText(root, "Code")).isEqualTo("InvalidAction.NotFound");
        assertThat(childText(root, "RequestId")).isEqualTo(requestIdHeader(response));
    }

    @Test
    void requestIdHeaderMatchesBodyOnSuccess() {
        HttpResponse<String> response = get("/?Action=ListAliases");

        JsonNode body = json(response, 200);
        assertThat(requestIdHeader(response)).isNotBlank();
        assertThat(body.path("RequestId").asString()).isEqualTo(requestIdHeader(response));
    }

    /**
     * One request that must fail, with its expected status and golden error body.
     *
     * @param description what is wrong with the request
     * @param method HTTP method
     * @param pathAndQuery path and query, already encoded
     * @param headers extra request headers
     * @param status expected HTTP status
     * @param golden file under {@code golden/}
     * @param placeholders values for the golden file's placeholders, besides {@code RequestId}
     */
    record ErrorRequest(String description, String method, String pathAndQuery, Map<String, String> headers,
            int status, String golden, Map<String, String> placeholders) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<ErrorRequest> errorRequests() {
        return Stream.of(
                new ErrorRequest("unknown action", "GET", "/?Action=NoSuchAction", Map.of(), 404,
                        "error-unknown-action.json", Map.of()),
                new ErrorRequest("unknown action in a header", "POST", "/",
                        Map.of("x-acs-action", "NoSuchAction", "x-acs-version", VERSION), 404,
                        "error-unknown-action.json", Map.of()),
                new ErrorRequest("unknown path /foo", "GET", "/foo", Map.of(), 404,
                        "error-unknown-path.json", Map.of("Method", "GET", "Path", "/foo")),
                new ErrorRequest("unknown path /favicon.ico", "GET", "/favicon.ico", Map.of(), 404,
                        "error-unknown-path.json", Map.of("Method", "GET", "Path", "/favicon.ico")),
                new ErrorRequest("POST to an unknown path", "POST", "/foo?Action=ListAliases", Map.of(), 404,
                        "error-unknown-path.json", Map.of("Method", "POST", "Path", "/foo")),
                new ErrorRequest("the container's error path", "GET", "/error", Map.of(), 404,
                        "error-unknown-path.json", Map.of("Method", "GET", "Path", "/error")),
                new ErrorRequest("missing Action", "GET", "/?Version=" + VERSION, Map.of(), 400,
                        "error-missing-action.json", Map.of()),
                new ErrorRequest("PageSize that is not a number", "GET", "/?Action=ListAliases&PageSize=abc",
                        Map.of(), 400,
                        "error-malformed-page-size.json", Map.of()),
                new ErrorRequest("unknown Version", "GET", "/?Action=ListAliases&Version=2099-01-01",
                        Map.of(), 400,
                        "error-unknown-version.json", Map.of()),
                new ErrorRequest("PUT", "PUT", "/?Action=ListAliases", Map.of(), 403,
                        "error-unsupported-method.json", Map.of("Method", "PUT")),
                new ErrorRequest("DELETE", "DELETE", "/?Action=ListAliases", Map.of(), 403,
                        "error-unsupported-method.json", Map.of("Method", "DELETE")),
                new ErrorRequest("unknown AccessKeyId", "GET",
                        "/?Action=ListAliases&AccessKeyId=LTAI5tNoSuchAccessKey0", Map.of(), 404,
                        "error-unknown-access-key.json", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorRequests")
    void errorHasAlibabaBody(ErrorRequest errorRequest) {
        HttpRequest.Builder builder = request(errorRequest.pathAndQuery());
        errorRequest.headers().forEach(builder::header);
        HttpResponse<String> response = send(builder.method(errorRequest.method(), BodyPublishers.noBody()).build());

        JsonNode body = json(response, errorRequest.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(body.propertyNames()).containsExactlyElementsOf(ERROR_FIELDS);
        assertThat(body.path("RequestId").asString()).isEqualTo(requestIdHeader(response));
        Map<String, String> placeholders = new LinkedHashMap<>(errorRequest.placeholders());
        placeholders.put("RequestId", requestIdHeader(response));
        assertThat(body).isEqualTo(golden(errorRequest.golden(), placeholders));
    }

    @Test
    void regionIdAndHostChooseRegion() {
        String keyId = createKey("cn-shanghai");
        String aliasName = uniqueAlias("shanghai");
        json(get(query("CreateAlias", "cn-shanghai", "KeyId", keyId, "AliasName", aliasName)), 200);
        try {
            List<String> byRegionId = allAliasNames(pageNumber -> get(query("ListAliases", "cn-shanghai",
                    "PageSize", "100", "PageNumber", pageNumber)));
            List<String> byHost = allAliasNames(pageNumber -> send(request(
                    "/?Action=ListAliases&PageSize=100&PageNumber=" + pageNumber)
                    .header("Host", "kms.cn-shanghai.aliyuncs.com").GET().build()));
            List<String> byDefault = allAliasNames(pageNumber -> get(
                    "/?Action=ListAliases&PageSize=100&PageNumber=" + pageNumber));

            assertThat(byRegionId).contains(aliasName);
            assertThat(byHost).contains(aliasName);
            assertThat(byDefault).doesNotContain(aliasName);
        } finally {
            json(get(query("DeleteAlias", "cn-shanghai", "AliasName", aliasName)), 200);
        }
    }

    /** Pages through ListAliases with one request per page number, and fails after 10 pages. */
    private static List<String> allAliasNames(Function<String, HttpResponse<String>> page) {
        List<String> names = new ArrayList<>();
        for (int pageNumber = 1; pageNumber <= 10; pageNumber++) {
            JsonNode body = json(page.apply(String.valueOf(pageNumber)), 200);
            JsonNode aliases = body.path("Aliases").path("Alias");
            if (aliases.isEmpty()) {
                return names;
            }
            aliases.forEach(alias -> names.add(alias.path("AliasName").asString()));
        }
        throw new AssertionError("ListAliases returned more than 10 pages of 100 aliases");
    }

    private void assertListAliasesReply(HttpResponse<String> response) {
        JsonNode body = json(response, 200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(body.path("RequestId").asString()).isEqualTo(requestIdHeader(response));
        assertThat(body.path("TotalCount").isNumber()).as("TotalCount is a number").isTrue();
        assertThat(body.path("Aliases").path("Alias").isArray()).as("Aliases.Alias is a list").isTrue();
    }

    private String createKey(String regionId) {
        JsonNode created = json(get(query("CreateKey", regionId)), 200);
        return created.path("KeyMetadata").path("KeyId").asString();
    }

    /** Builds {@code /?Action=...&Version=...&RegionId=...} plus name-value pairs, encoded. */
    private static String query(String action, String regionId, String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", action);
        parameters.put("Version", VERSION);
        parameters.put("RegionId", regionId);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return "/?" + encode(parameters);
    }

    private static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    private HttpResponse<String> formPost(Map<String, String> parameters) {
        return send(request("/").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(encode(parameters))).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + request.uri(), e);
        }
    }

    private static String requestIdHeader(HttpResponse<String> response) {
        return response.headers().firstValue("x-acs-request-id").orElse("(no x-acs-request-id header)");
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as("HTTP status of %s, body %s", response.request().uri(), response.body())
                .isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    /** Reads {@code golden/<name>} and fills in its {@code ${Name}} placeholders. */
    private static JsonNode golden(String name, Map<String, String> placeholders) {
        try (InputStream in = WireProtocolIT.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
                text = text.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
            }
            assertThat(text).as("golden file %s with unfilled placeholders", name).doesNotContain("${");
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read golden file " + name, e);
        }
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the child elements of {@code parent}, all of them when {@code tagName} is null. */
    private static List<Element> children(Element parent, String tagName) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE
                    && (tagName == null || nodes.item(i).getNodeName().equals(tagName))) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    private static Element child(Element parent, String tagName) {
        List<Element> matching = children(parent, tagName);
        assertThat(matching).as("<%s> children of <%s>", tagName, parent.getTagName()).hasSize(1);
        return matching.get(0);
    }

    private static String childText(Element parent, String tagName) {
        return child(parent, tagName).getTextContent();
    }
}
