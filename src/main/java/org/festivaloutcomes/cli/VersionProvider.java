package org.festivaloutcomes.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the program version from the jar manifest (Implementation-Version). */
public final class VersionProvider implements IVersionProvider {

    public static String programVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"festival-outcomes " + programVersion()};
    }
}
