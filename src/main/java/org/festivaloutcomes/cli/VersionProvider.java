package org.festivaloutcomes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.IVersionProvider;

/** Reads the program version from the jar manifest (Implementation-Version). */
public final class VersionProvider implements IVersionProvider {

    private static volatile String build;

    public static String programVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * The version and a fingerprint of the program's own code (its jar, or its classes folder): what
     * kept store entries and results are keyed on, so that a changed program never reuses what an
     * earlier one made, even when the version number was not bumped.
     */
    public static String build() {
        String b = build;
        if (b == null) {
            b = programVersion() + " code " + codeFingerprint();
            build = b;
        }
        return b;
    }

    private static String codeFingerprint() {
        try {
            Path code = Path.of(VersionProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(code)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(code)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    digest.update(code.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                }
            } else {
                try (InputStream in = new DigestInputStream(Files.newInputStream(code), digest)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            // no readable code location (an unusual class loader): the version alone
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"festival-outcomes " + programVersion()};
    }
}
