package dev.understudy.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP listening sockets and bound UDP sockets of a process, read from /proc (what {@code ss -ltnup} shows
 * for its PID): its socket inodes from {@code /proc/PID/fd}, their local addresses from
 * {@code /proc/net/{tcp,tcp6,udp,udp6}}. Linux only. For asserting that a process listens on loopback only.
 */
public final class ListeningSockets {
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    /** A socket: protocol ({@code tcp}, {@code tcp6}, {@code udp}, {@code udp6}), address, port. */
    public record Socket(String protocol, String address, int port) {
        /** True for 127.0.0.0/8, ::1 and ::ffff:127.x.x.x. */
        public boolean isLoopback() {
            return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
        }

        @Override
        public String toString() {
            return protocol + " " + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /** The TCP sockets in LISTEN state and every UDP socket of process {@code pid}. */
    public static List<Socket> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<Socket> sockets = new ArrayList<>();
        for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path table = Path.of("/proc", Long.toString(pid), "net", protocol);
            if (!Files.exists(table)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(table);
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    boolean listening = protocol.startsWith("udp") || fields[3].equals(TCP_LISTEN);
                    if (listening && inodes.contains(fields[9])) {
                        String[] local = fields[1].split(":");
                        sockets.add(new Socket(protocol, address(local[0]), Integer.parseInt(local[1], 16)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + table, e);
            }
        }
        return sockets;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    Matcher matcher = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (matcher.matches()) {
                        inodes.add(matcher.group(1));
                    }
                } catch (IOException e) {
                    // the descriptor closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the descriptors of process " + pid, e);
        }
        return inodes;
    }

    /** /proc/net hex (host byte order per 32-bit word, little-endian here) to text. */
    private static String address(String hex) {
        if (hex.length() == 8) {
            return ipv4(hex);
        }
        String words = hex.toUpperCase();
        if (words.startsWith("0000000000000000FFFF0000")) {
            return "::ffff:" + ipv4(words.substring(24));
        }
        if (words.equals("00000000000000000000000001000000")) {
            return "::1";
        }
        if (words.equals("00000000000000000000000000000000")) {
            return "::";
        }
        StringBuilder text = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String w = words.substring(word * 8, word * 8 + 8);
            // each 32-bit word is little-endian
            String bytes = w.substring(6, 8) + w.substring(4, 6) + w.substring(2, 4) + w.substring(0, 2);
            text.append(bytes, 0, 4).append(':').append(bytes, 4, 8);
            if (word < 3) {
                text.append(':');
            }
        }
        return text.toString().toLowerCase();
    }

    private static String ipv4(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
    }
}
