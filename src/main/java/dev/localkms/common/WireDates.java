package dev.localkms.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Formats instants as Alibaba's APIs write dates: UTC, whole seconds, {@code 2021-05-20T06:34:21Z}. */
public final class WireDates {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private WireDates() {
    }

    /** Returns the wire form of {@code instant}, or null for null. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
