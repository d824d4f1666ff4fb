package dev.localkms.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import it.unimi.dsi.fastutil.longs.Long2ByteOpenHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps signature nonces in this process's memory. It serves the embedded H2 stores, which only this
 * process opens, so a replay can reach no other instance. A signed request then writes nothing to the
 * database for its nonce. The nonces are forgotten when the process stops.
 *
 * <p>A nonce is held as a 64-bit keyed hash of the access key ID and the nonce, in one hash table per
 * minute of expiry, with the second of the minute at which it expires. Tables whose minute has passed
 * are dropped whole, so expiry costs nothing per nonce. Two different nonces match only on a 64-bit
 * hash collision, and the key is random per process, so a caller cannot aim for one.
 *
 * <p>Memory is bounded: above {@link #CAPACITY} nonces, which takes more than 2,000 signed requests a
 * second for 15 minutes, the minute that expires first is dropped early and a warning is logged. Its
 * nonces' requests are then near the end of their timestamp's validity, which limits the replay window.
 */
final class LocalNonceRegistry implements NonceRegistry {

    private static final Logger log = LoggerFactory.getLogger(LocalNonceRegistry.class);

    /** Maximum number of nonces held. By the tables' layout, each costs an estimated 12 to 24 bytes of heap. */
    static final long CAPACITY = 2_000_000;
    private static final byte ABSENT = -1;
    private static final int HASH_KEY_BYTES = 32;

    private final long capacity;
    private final byte[] hashKey = new byte[HASH_KEY_BYTES];
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(LocalNonceRegistry::sha256);
    /** Nonce hashes by the minute they expire in (epoch second / 60), each with its second of that minute. */
    private final NavigableMap<Long, Long2ByteOpenHashMap> byExpiryMinute = new TreeMap<>();
    private long size;

    LocalNonceRegistry() {
        this(CAPACITY);
    }

    LocalNonceRegistry(long capacity) {
        this.capacity = capacity;
        new SecureRandom().nextBytes(hashKey);
    }

    @Override
    public boolean register(String accessKeyId, String nonce, Instant now, Instant expiresAt) {
        long hash = hash(accessKeyId, nonce);
        long nowSecond = now.getEpochSecond();
        long expirySecond = expiresAt.getEpochSecond();
        synchronized (this) {
            dropExpiredMinutes(nowSecond);
            for (Map.Entry<Long, Long2ByteOpenHashMap> minute : byExpiryMinute.entrySet()) {
                byte second = minute.getValue().get(hash);
                if (second != ABSENT) {
                    if (minute.getKey() * 60 + second >= nowSecond) {
                        return false;
                    }
                    minute.getValue().remove(hash);
                    size--;
                    break;
                }
            }
            Long2ByteOpenHashMap minute = byExpiryMinute.computeIfAbsent(Math.floorDiv(expirySecond, 60),
                    key -> newMinute());
            minute.put(hash, (byte) Math.floorMod(expirySecond, 60));
            size++;
            dropOldestWhileOverCapacity();
            return true;
        }
    }

    @Override
    public synchronized void forgetAll() {
        byExpiryMinute.clear();
        size = 0;
    }

    /** Number of nonces held, expired ones of the current minute included. */
    synchronized long size() {
        return size;
    }

    private void dropExpiredMinutes(long nowSecond) {
        Iterator<Long2ByteOpenHashMap> expired = byExpiryMinute.headMap(Math.floorDiv(nowSecond, 60), false)
                .values().iterator();
        while (expired.hasNext()) {
            size -= expired.next().size();
            expired.remove();
        }
    }

    private void dropOldestWhileOverCapacity() {
        while (size > capacity && byExpiryMinute.size() > 1) {
            Map.Entry<Long, Long2ByteOpenHashMap> oldest = byExpiryMinute.pollFirstEntry();
            size -= oldest.getValue().size();
            log.warn("Reached the limit of {} signature nonces: forgot the {} that expire at {} early, so "
                    + "their requests could be replayed until then", capacity, oldest.getValue().size(),
                    Instant.ofEpochSecond((oldest.getKey() + 1) * 60));
        }
    }

    private long hash(String accessKeyId, String nonce) {
        MessageDigest digest = digests.get();
        byte[] keyId = accessKeyId.getBytes(StandardCharsets.UTF_8);
        digest.update(hashKey);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(keyId.length).array());
        digest.update(keyId);
        digest.update(nonce.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    private static Long2ByteOpenHashMap newMinute() {
        Long2ByteOpenHashMap minute = new Long2ByteOpenHashMap();
        minute.defaultReturnValue(ABSENT);
        return minute;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256.", e);
        }
    }
}
