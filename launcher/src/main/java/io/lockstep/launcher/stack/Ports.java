package io.lockstep.launcher.stack;

import io.lockstep.launcher.LauncherException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Local TCP ports: a free one for each component, or a check that a fixed one is free before anything starts. */
public final class Ports {
    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** {@code port} itself when it is free, a free one when it is 0; a one-line error naming the option otherwise. */
    public static int require(int port, String what, String option) {
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new LauncherException("port " + port + " (" + what + ") is in use: stop what listens there or pass "
                    + option + " with another port (0 picks a free one)");
        }
    }
}
