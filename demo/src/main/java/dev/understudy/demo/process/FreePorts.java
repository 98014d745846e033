package dev.understudy.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1. A port is free when asked; a process started right after binds it (a small
 * race with other programs, none within this JVM: a port is never handed out twice by one JVM).
 */
public final class FreePorts {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port nothing listens on at 127.0.0.1, not handed out before by this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = bindEphemeral();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No fresh free port on " + Loopback.ADDRESS + " after 50 attempts");
    }

    /** True if a listener could bind {@code port} on 127.0.0.1 now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(Loopback.ADDRESS))) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static int bindEphemeral() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Loopback.ADDRESS))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind an ephemeral port on " + Loopback.ADDRESS, e);
        }
    }
}
