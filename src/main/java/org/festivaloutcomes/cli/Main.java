package org.festivaloutcomes.cli;

import org.festivaloutcomes.generate.GenerateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar festival-outcomes.jar}. */
@Command(name = "festival-outcomes", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Monthly outcome reports of festivals and expos from CSV exports.",
        subcommands = {RunCommand.class, StoreCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
