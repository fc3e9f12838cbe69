package org.optimizerlab.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.optimizerlab.cli.CheckLessonsCommand;
import org.optimizerlab.classroom.StoreStartupException;
import org.optimizerlab.cli.RunCommand;
import org.optimizerlab.validation.Quote;
import org.optimizerlab.web.ServerLimits;

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
              java -jar optimizer-lab.jar check-lessons [DIR]      validate a lessons folder (default:
                                                                   OPTLAB_LESSONS_DIR, else the bundled lessons)
                                                                   and check every preset's claim
              java -jar optimizer-lab.jar --help                   this text

            'serve --help' lists the environment variables (port, lessons folder, limits);
            'run --help' explains the spec format and the output; 'check-lessons --help' the lesson checks.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        boolean implicitServe = arguments.isEmpty() || arguments.get(0).startsWith("--port");
        String command = implicitServe ? "serve" : arguments.get(0);
        List<String> rest = implicitServe ? arguments : arguments.subList(1, arguments.size());
        int status = switch (command) {
            case "serve" -> serve(rest, System.getenv(), System.out, System.err);
            case "run" -> RunCommand.run(rest, System.in, System.out, System.err);
            case "check-lessons" -> checkLessons(rest);
            case "-h", "--help", "help" -> {
                System.out.print(HELP);
                yield 0;
            }
            default -> {
                System.err.println("error: unknown command " + Quote.of(command) + " (see: optimizer-lab --help)");
                yield RunCommand.USAGE_ERROR;
            }
        };
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * {@code serve}, refused with status 1 and one line naming the setting when the class database cannot be
     * opened, written or migrated.
     */
    static int serve(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            return ServeCommand.run(args, env, out, err);
        } catch (StoreStartupException e) {
            err.println("error: the server does not start: " + e.getMessage());
            return 1;
        }
    }

    private static int checkLessons(List<String> args) {
        return checkLessons(args, System.getenv(), System.out, System.err);
    }

    /**
     * {@code check-lessons [DIR]}: without DIR, the folder {@code OPTLAB_LESSONS_DIR} names, else the bundled
     * lessons; the limits are the server's ({@code OPTLAB_MAX_*}).
     */
    static int checkLessons(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return RunCommand.USAGE_ERROR;
        }
        ServerLimits limits = config.limits();
        Supplier<CheckLessonsCommand.Folder> folder = () -> config.lessonsDir()
                .map(CheckLessonsCommand.Folder::of).orElseGet(() -> BundledFolder.open("lessons"));
        return CheckLessonsCommand.run(args, folder, limits.specLimits(), limits.work(), limits.maxPointsPerRun(),
                out, err);
    }
}
