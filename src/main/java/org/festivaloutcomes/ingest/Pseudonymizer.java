package org.festivaloutcomes.ingest;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Replaces attendee ids by a keyed 64-bit hash (SipHash-2-4) at ingestion, so that no staged data,
 * cache or output holds a raw id (PIPL). Distinct counts run on the hash: with 64 bits, a collision
 * among 10 million ids has a probability of about 3 in a million.
 */
public final class Pseudonymizer implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long k0;
    private final long k1;
    private transient HashFunction function;

    public Pseudonymizer(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            ByteBuffer buffer = ByteBuffer.wrap(digest);
            this.k0 = buffer.getLong();
            this.k1 = buffer.getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Tells keys apart without revealing them (part of the staging store's keys). */
    public String fingerprint() {
        return Hashing.sha256().newHasher().putString("festival-outcomes pseudonym key", StandardCharsets.UTF_8)
                .putLong(k0).putLong(k1).hash().toString();
    }

    public long key(String attendeeId) {
        int n = attendeeId.length();
        for (int i = 0; i < n; i++) {
            if (attendeeId.charAt(i) >= 0x80) {
                // not ASCII: its UTF-8 bytes through Guava's SipHash
                if (function == null) {
                    function = Hashing.sipHash24(k0, k1);
                }
                return function.hashString(attendeeId, StandardCharsets.UTF_8).asLong();
            }
        }
        // ASCII: its chars are its UTF-8 bytes
        return asciiKey(attendeeId.getBytes(StandardCharsets.ISO_8859_1), 0, n);
    }

    /**
     * SipHash-2-4 of ASCII bytes {@code bytes[from, to)} (each below 0x80), which are the id's UTF-8
     * bytes: the same value as Guava's {@code Hashing.sipHash24(k0, k1).hashString(id, UTF_8).asLong()},
     * without a streaming hasher per id. The attendance parse hashes ids straight from the file's bytes.
     */
    long asciiKey(byte[] bytes, int from, int to) {
        SipState st = new SipState(k0, k1);
        int n = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long m = 0;
            for (int j = 7; j >= 0; j--) {
                m = (m << 8) | bytes[i + j];
            }
            st.compress(m);
        }
        long last = ((long) n) << 56;
        for (int j = 0; i + j < to; j++) {
            last |= ((long) bytes[i + j]) << (8 * j);
        }
        st.compress(last);
        st.v2 ^= 0xff;
        st.rounds(4);
        return st.v0 ^ st.v1 ^ st.v2 ^ st.v3;
    }

    /** SipHash's four words of state (a short-lived object the JIT keeps in registers). */
    private static final class SipState {
        long v0;
        long v1;
        long v2;
        long v3;

        SipState(long k0, long k1) {
            v0 = 0x736f6d6570736575L ^ k0;
            v1 = 0x646f72616e646f6dL ^ k1;
            v2 = 0x6c7967656e657261L ^ k0;
            v3 = 0x7465646279746573L ^ k1;
        }

        /** One 8-byte block, little-endian, with the 2 compression rounds. */
        void compress(long m) {
            v3 ^= m;
            rounds(2);
            v0 ^= m;
        }

        void rounds(int n) {
            for (int r = 0; r < n; r++) {
                v0 += v1;
                v2 += v3;
                v1 = Long.rotateLeft(v1, 13);
                v3 = Long.rotateLeft(v3, 16);
                v1 ^= v0;
                v3 ^= v2;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v1;
                v0 += v3;
                v1 = Long.rotateLeft(v1, 17);
                v3 = Long.rotateLeft(v3, 21);
                v1 ^= v2;
                v3 ^= v0;
                v2 = Long.rotateLeft(v2, 32);
            }
        }
    }
}
