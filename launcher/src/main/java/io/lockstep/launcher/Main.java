package io.lockstep.launcher;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lockstep}: runs Lockstep on this machine — a guided demo, or a stack left running. */
@Command(name = "lockstep", mixinStandardHelpOptions = true, version = "lockstep 0.1.0-SNAPSHOT",
        description = "Runs Lockstep on this machine: a real Kafka broker, PostgreSQL, the four services, and a "
                + "sandbox cluster unless --kubeconfig is given.",
        subcommands = {DemoCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a failure the user can fix (bad argument, busy port, unreachable database, ...). */
    public static final int USAGE = 2;

    /** Held so that the level set on it is not lost when the logger is garbage-collected. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        // The launcher's own libraries (Kafka clients, the emulator, GreenMail) log through slf4j-simple: warnings
        // only, so that the tour's output stays readable. The services log to their own files.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
        // Vert.x (under the emulator's client) warns about every slow event-loop turn on a busy machine.
        System.setProperty("org.slf4j.simpleLogger.log.io.vertx",
                System.getProperty("org.slf4j.simpleLogger.log.io.vertx", "error"));
        // The API server emulator logs every request through java.util.logging at INFO.
        java.util.logging.Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
        if (root != null && root.getLevel() != null && root.getLevel().intValue() < Level.WARNING.intValue()) {
            root.setLevel(Level.WARNING);
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command line and returns its exit code; errors the user can fix are one line on {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandName();
            err.println("lockstep: " + e.getMessage() + " (see ./lockstep "
                    + (command.equals("lockstep") ? "" : command + " ") + "--help)");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof LauncherException) {
                err.println("lockstep: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
