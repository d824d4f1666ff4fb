package dev.localkms.ram;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.localkms.error.KmsException;

/**
 * The {@code Marker} of RAM list actions: an opaque token that names the last entry of the previous
 * page, so that the next page starts after it even when entries are added or deleted in between.
 */
final class ListMarkers {

    private ListMarkers() {
    }

    /** Returns the marker for a page that ended with {@code lastEntry}. */
    static String encode(String lastEntry) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEntry.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the last entry that a marker names.
     *
     * @throws KmsException {@code InvalidParameter} when the marker was not made by {@link #encode}
     */
    static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw KmsException.invalidParameter("Marker", marker,
                    "is not a marker returned by the previous page of this list");
        }
    }
}
