package dev.localkms.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.localkms.error.KmsException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.xml.XmlMapper;

/**
 * Renders replies as Alibaba's RPC API does: JSON, or XML under an {@code <ActionResponse>} root, with
 * {@code RequestId} in every body. Wire records use Java names, written in upper camel case.
 */
@Component
public class ReplyRenderer {

    static final MediaType JSON = MediaType.parseMediaType("application/json;charset=utf-8");
    static final MediaType XML = MediaType.parseMediaType("text/xml;charset=utf-8");

    private final JsonMapper jsonMapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
    /** Characters outside the XML 1.0 {@code Char} production. */
    private static final Pattern XML_INVALID =
            Pattern.compile("[^\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private final XmlMapper xmlMapper = XmlMapper.builder().build();

    /** Renders a successful reply of {@code action}. */
    ResponseEntity<String> success(String action, Object result, String requestId, boolean xml) {
        ObjectNode body = jsonMapper.createObjectNode();
        body.put("RequestId", requestId);
        if (result != null) {
            body.setAll((ObjectNode) jsonMapper.valueToTree(result));
        }
        return render(HttpStatusCode.valueOf(200), body, action + "Response", xml);
    }

    /** Renders an error reply with the body fields every SDK reads. */
    ResponseEntity<String> error(KmsException error, String requestId, String hostId, Product product,
            boolean xml) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RequestId", requestId);
        fields.put("HostId", hostId);
        fields.put("Code", error.errorCode().code());
        fields.put("Message", error.getMessage());
        fields.put("Recommend", "https://api.aliyun.com/troubleshoot?q=%s&product=%s&requestId=%s"
                .formatted(error.errorCode().code(), product.productName(), requestId));
        if (error.accessDeniedDetail() != null) {
            fields.put("AccessDeniedDetail", error.accessDeniedDetail());
        }
        ObjectNode body = jsonMapper.valueToTree(fields);
        return render(error.errorCode().status(), body, "Error", xml);
    }

    private ResponseEntity<String> render(HttpStatusCode status, ObjectNode body, String xmlRoot, boolean xml) {
        if (xml) {
            String text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + xmlMapper.writer().withRootName(xmlRoot).writeValueAsString(xmlSafe(body));
            return ResponseEntity.status(status).contentType(XML).body(text);
        }
        return ResponseEntity.status(status).contentType(JSON).body(jsonMapper.writeValueAsString(body));
    }

    /**
     * Returns a copy of {@code node} whose strings hold only characters that XML 1.0 allows, with others
     * (NUL and most control characters, which a caller can put in any echoed value) replaced by U+FFFD.
     */
    private static JsonNode xmlSafe(JsonNode node) {
        if (node.isString()) {
            return StringNode.valueOf(XML_INVALID.matcher(node.stringValue()).replaceAll("\uFFFD"));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.properties().forEach(property -> copy.set(property.getKey(), xmlSafe(property.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.values().forEach(element -> copy.add(xmlSafe(element)));
            return copy;
        }
        return node;
    }
}
