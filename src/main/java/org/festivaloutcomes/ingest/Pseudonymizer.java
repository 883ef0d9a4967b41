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
        if (function == null) {
            function = Hashing.sipHash24(k0, k1);
        }
        return function.hashString(attendeeId, StandardCharsets.UTF_8).asLong();
    }
}
