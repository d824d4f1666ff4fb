package dev.localkms.key;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.localkms.error.KmsException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Filters} parameter of ListKeys: a JSON list of {@code {"Key":..., "Values":[...]}}. Different
 * keys must all match, and any one value of a key matches.
 */
public final class KeyFilters {

    private static final int MAX_FILTERS = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Function<KeyEntity, String>> ATTRIBUTES = Map.of(
            "KeyState", key -> key.getKeyState().wireName(),
            "KeySpec", KeyEntity::getKeySpec,
            "KeyUsage", KeyEntity::getKeyUsage,
            "ProtectionLevel", KeyEntity::getProtectionLevel,
            "CreatorType", key -> "User",
            "DKMSInstanceId", key -> "");

    private final Map<String, Set<String>> valuesByKey;

    private KeyFilters(Map<String, Set<String>> valuesByKey) {
        this.valuesByKey = valuesByKey;
    }

    /** Returns filters that match every key. */
    public static KeyFilters none() {
        return new KeyFilters(Map.of());
    }

    /** Parses the Filters parameter, rejecting anything but the documented shape with InvalidParameter. */
    public static KeyFilters parse(String filters) {
        JsonNode root;
        try {
            root = JSON.readTree(filters);
        } catch (JacksonException e) {
            throw KmsException.invalidParameter("Filters", filters, "is not valid JSON");
        }
        if (!root.isArray() || root.size() > MAX_FILTERS) {
            throw KmsException.invalidParameter("Filters", filters,
                    "must be a JSON list of at most %d {\"Key\",\"Values\"} objects".formatted(MAX_FILTERS));
        }
        Map<String, Set<String>> valuesByKey = new LinkedHashMap<>();
        for (JsonNode filter : root) {
            JsonNode key = filter.get("Key");
            JsonNode values = filter.get("Values");
            if (key == null || !key.isString() || !ATTRIBUTES.containsKey(key.asString())) {
                throw KmsException.invalidParameter("Filters", filters,
                        "has a Key that is not one of " + String.join(", ", new ArrayList<>(ATTRIBUTES.keySet())));
            }
            if (values == null || !values.isArray()) {
                throw KmsException.invalidParameter("Filters", filters, "has a filter without a Values list");
            }
            Set<String> accepted = valuesByKey.computeIfAbsent(key.asString(), name -> new HashSet<>());
            for (JsonNode value : values) {
                if (!value.isString()) {
                    throw KmsException.invalidParameter("Filters", filters, "has a value that is not a string");
                }
                accepted.add(value.asString());
            }
        }
        return new KeyFilters(valuesByKey);
    }

    boolean matches(KeyEntity key) {
        for (Map.Entry<String, Set<String>> filter : valuesByKey.entrySet()) {
            if (!filter.getValue().isEmpty()
                    && !filter.getValue().contains(ATTRIBUTES.get(filter.getKey()).apply(key))) {
                return false;
            }
        }
        return true;
    }

    List<String> keys() {
        return List.copyOf(valuesByKey.keySet());
    }
}
