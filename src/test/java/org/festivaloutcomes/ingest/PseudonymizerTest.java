package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    @Test
    void equalsGuavasSipHashOfTheUtf8Bytes() throws Exception {
        String secret = "a test key";
        ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
        var reference = Hashing.sipHash24(digest.getLong(), digest.getLong());
        Pseudonymizer pseudonymizer = new Pseudonymizer(secret);
        Random random = new Random(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ 观众编号é\u007f";
        for (int i = 0; i < 20_000; i++) {
            // every length around the 8-byte blocks, ASCII and not
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(40);
            boolean ascii = random.nextBoolean();
            for (int c = 0; c < length; c++) {
                id.append(alphabet.charAt(random.nextInt(ascii ? 64 : alphabet.length())));
            }
            String s = id.toString();
            assertEquals(reference.hashString(s, StandardCharsets.UTF_8).asLong(), pseudonymizer.key(s), s);
        }
        assertNotEquals(pseudonymizer.key("W23-0041584"), new Pseudonymizer("another key").key("W23-0041584"));
    }
}
