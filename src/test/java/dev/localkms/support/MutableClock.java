package dev.localkms.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that tests can move, so that time-based behaviour (pending windows,
 * timestamp checks) runs without waiting. Tests that move it must call {@link #reset()} afterwards,
 * since signed SDK requests use the real time.
 */
public class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration amount) {
        offset = offset.plus(amount);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The test clock is always UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
