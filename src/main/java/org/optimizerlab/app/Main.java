package org.optimizerlab.app;

import java.util.Arrays;
import java.util.List;
import org.optimizerlab.cli.RunCommand;

/**
 * The command line entry point of {@code optimizer-lab.jar}: {@code serve} (the default) starts the web app,
 * {@code run} runs an experiment spec and prints its trajectory, {@code check-lessons} validates a lesson folder.
 */
public final class Main {

    static final String HELP = """
            Optimizer Lab: lessons and live experiments on the optimizers of deep learning.

            Usage:
              java -jar optimizer-lab.jar [serve] [--port N]       start the web app (default port 7070)
              java -jar optimizer-lab.jar run --spec FILE|- [--format csv|jsonl]
                                                                   run an experiment spec, print its trajectory
              java -jar optimizer-lab.jar --help                   this text

            'run --help' explains the spec format and the output.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "serve" : arguments.get(0);
        List<String> rest = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
        int status = switch (command) {
            case "run" -> RunCommand.run(rest, System.in, System.out, System.err);
            case "-h", "--help", "help" -> {
                System.out.print(HELP);
                yield 0;
            }
            default -> {
                System.err.println("error: unknown command '" + command + "' (see: optimizer-lab --help)");
                yield RunCommand.USAGE_ERROR;
            }
        };
        if (status != 0) {
            System.exit(status);
        }
    }
}
