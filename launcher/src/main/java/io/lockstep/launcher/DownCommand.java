package io.lockstep.launcher;

import io.lockstep.launcher.stack.PidFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lockstep down}: asks the running launcher to stop (it stops its children in order), then stops any child it
 * left behind. Only processes named in the pid files, with the start time recorded there, are touched.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stops everything ./lockstep up started (pid files under the state folder).")
public final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State folder of the stack (default: .lockstep).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        Console console = new Console(spec.commandLine().getOut());
        Layout layout = Layout.of(stateDir);
        Map<String, Long> pids = PidFiles.read(layout);
        if (pids.isEmpty()) {
            console.line("Nothing to stop: no pid files in %s.", layout.pids());
            return 0;
        }
        Long launcher = pids.remove(PidFiles.LAUNCHER);
        if (launcher != null) {
            Optional<ProcessHandle> handle = PidFiles.process(layout, PidFiles.LAUNCHER);
            if (handle.isPresent()) {
                console.line("Stopping the launcher (pid %d); it stops the services, the broker and the sandbox...",
                        launcher);
                handle.get().destroy();
                try {
                    handle.get().onExit().get(90, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    console.line("The launcher did not stop within 90 s; stopping what it started directly.");
                }
            }
            PidFiles.delete(layout, PidFiles.LAUNCHER);
        }
        // Children the launcher could not stop (it was killed with SIGKILL, say).
        for (Map.Entry<String, Long> child : PidFiles.read(layout).entrySet()) {
            Optional<ProcessHandle> handle = PidFiles.process(layout, child.getKey());
            if (handle.isPresent()) {
                handle.get().destroy();
                try {
                    handle.get().onExit().get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    handle.get().destroyForcibly();
                }
                console.line("Stopped %s (pid %d).", child.getKey(), child.getValue());
            }
            PidFiles.delete(layout, child.getKey());
        }
        Files.deleteIfExists(layout.stackFile());
        console.line("Lockstep is stopped.");
        return 0;
    }
}
