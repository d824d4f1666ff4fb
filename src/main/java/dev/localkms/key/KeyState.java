package dev.localkms.key;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Lifecycle state of a key, with the wire names Alibaba uses. */
public enum KeyState {
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    PENDING_DELETION("PendingDeletion"),
    PENDING_IMPORT("PendingImport");

    private static final Map<String, KeyState> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(KeyState::wireName, state -> state));

    private final String wireName;

    KeyState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Returns the state with this wire name, compared exactly. */
    public static Optional<KeyState> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    /** Stores the state by its wire name. */
    @Converter(autoApply = true)
    static class JpaConverter implements AttributeConverter<KeyState, String> {

        @Override
        public String convertToDatabaseColumn(KeyState state) {
            return state == null ? null : state.wireName;
        }

        @Override
        public KeyState convertToEntityAttribute(String wireName) {
            return wireName == null ? null : fromWireName(wireName)
                    .orElseThrow(() -> new IllegalStateException("Unknown key state in the database: " + wireName));
        }
    }
}
