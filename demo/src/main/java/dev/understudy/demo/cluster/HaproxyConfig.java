package dev.understudy.demo.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HAProxy configurations for a cluster of Understudy nodes, generated from the node list, in the two ways a load
 * balancer can meet the route cookie {@code USSESSION=<id>.<primary>.<secondary>.<epoch>.<mac>}:
 *
 * <ul>
 *   <li>{@link Mode#ROUTE}, the seed's plug-in path (Fig. 7): the balancer reads the route. A request goes to the
 *       server named as the session's primary (field 2) if it is up, else to its secondary (field 3) if up, else
 *       to any server. After a failure the secondary gets the session's next request and promotes itself; no
 *       state travels before the answer.</li>
 *   <li>{@link Mode#HASH}, the hardware path (Fig. 8): the balancer knows nothing of routes. It is sticky by a
 *       consistent hash of the session id (field 1), so a session stays on one server while the set of servers is
 *       stable; after a failure its sessions land on other servers, which fetch each one from its secondary and
 *       take it over. Needs HAProxy 2.6 or later ({@code balance hash}).</li>
 * </ul>
 *
 * Both modes: HTTP health checks of the application ({@value #HEALTH_PATH}: 200 only when the adapter works) every
 * second, a server is DOWN after 2 failures and UP after 2 successes; {@code option redispatch 1} and
 * {@code retries 3}, so a request whose server refuses the connection (killed, not yet marked DOWN) is sent to
 * another at once (plain {@code option redispatch} redispatches only the last retry, after two 1 s turn-around
 * timers on the dead server: the first request after a {@code kill -9} waited ~3 s); everything on 127.0.0.1; a {@code resolvers default} section with a loopback nameserver only, since
 * HAProxy otherwise opens a UDP socket to the system's nameserver.
 *
 * <p>The examples in {@code server-configs/haproxy/} are this class's output for three nodes (a unit test keeps
 * them equal); regenerate them with {@code java -cp demo/target/understudy-demo.jar
 * dev.understudy.demo.cluster.HaproxyConfig server-configs/haproxy}.
 */
public final class HaproxyConfig {
    /** The filter's session cookie (web-filter README, {@code cookieName}). */
    public static final String COOKIE = "USSESSION";
    /** The sample's health resource: 200 when the node's adapter works. */
    public static final String HEALTH_PATH = "/sample/api/health";
    /** The backend's name (in {@code srv_is_up(<backend>/<server>)}). */
    public static final String BACKEND = "understudy";
    /** The files of {@code server-configs/haproxy}, for {@link Mode#ROUTE} and {@link Mode#HASH}. */
    public static final String ROUTE_EXAMPLE = "haproxy-route.cfg";
    public static final String HASH_EXAMPLE = "haproxy-hash.cfg";
    /** The ports of the examples: the demo's defaults. */
    public static final int EXAMPLE_LB_PORT = 18080;
    public static final int EXAMPLE_BASE_PORT = 18081;
    public static final int EXAMPLE_NODES = 3;

    private static final Pattern SERVER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final String INDENT = "    ";

    private HaproxyConfig() {
    }

    /** How the balancer chooses a server for a request that carries a session cookie. */
    public enum Mode {
        /** Route by the cookie's primary, then its secondary (plug-in path, seed Fig. 7). */
        ROUTE,
        /** Sticky by a hash of the session id, oblivious of the route (hardware path, seed Fig. 8). */
        HASH;

        /** {@code route} or {@code hash}, in any case. */
        public static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Not a load balancer mode (route or hash): " + text);
            }
        }

        /** {@code route} or {@code hash}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A server of the backend: a node's id (its Understudy node id, as the cookie names it) and HTTP port. */
    public record Server(String name, int port) {
        public Server {
            if (!SERVER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("A server name must match " + SERVER_NAME + ": " + name);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
        }
    }

    /** {@code node-1} at {@code basePort}, {@code node-2} at {@code basePort + 1}, ... */
    public static List<Server> servers(int count, int basePort) {
        List<Server> servers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            servers.add(new Server("node-" + i, basePort + i - 1));
        }
        return servers;
    }

    /** The configuration text for {@code servers} behind a frontend on 127.0.0.1:{@code lbPort}. */
    public static String render(Mode mode, int lbPort, List<Server> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("No servers");
        }
        if (servers.stream().map(Server::name).distinct().count() != servers.size()) {
            throw new IllegalArgumentException("Server names must be unique: " + servers);
        }
        StringBuilder text = new StringBuilder();
        header(text, mode, servers.size());
        line(text, 0, "global");
        line(text, 1, "maxconn 4096");
        line(text, 1, "# log to standard output (HAProxy runs in the foreground: haproxy -f <this file> -db)");
        line(text, 1, "log stdout format raw local0 info");
        blank(text);
        line(text, 0, "# The only nameserver is on loopback: without this section HAProxy opens a UDP socket to the");
        line(text, 0, "# system's nameserver at start. Servers are given by address, so nothing is ever resolved.");
        line(text, 0, "resolvers default");
        line(text, 1, "nameserver loopback 127.0.0.1:53");
        blank(text);
        line(text, 0, "defaults");
        line(text, 1, "mode http");
        line(text, 1, "log global");
        line(text, 1, "option httplog");
        line(text, 1, "timeout connect 2s");
        line(text, 1, "timeout client 60s");
        line(text, 1, "timeout server 60s");
        line(text, 1, "timeout check 2s");
        line(text, 1, "# a refused connection (a killed server not yet marked DOWN) is retried, the last time on");
        line(text, 1, "# another server");
        line(text, 1, "retries 3");
        line(text, 1, "option redispatch 1");
        blank(text);
        line(text, 0, "frontend sample");
        line(text, 1, "bind 127.0.0.1:" + lbPort);
        line(text, 1, "default_backend " + BACKEND);
        blank(text);
        line(text, 0, "backend " + BACKEND);
        switch (mode) {
            case ROUTE -> routeRules(text, servers);
            case HASH -> hashRules(text);
        }
        line(text, 1, "option httpchk GET " + HEALTH_PATH);
        line(text, 1, "http-check expect status 200");
        line(text, 1, "default-server check inter 1s fall 2 rise 2");
        for (Server server : servers) {
            line(text, 1, "server " + server.name() + " 127.0.0.1:" + server.port());
        }
        return text.toString();
    }

    /** Writes the two examples (three nodes, the demo's default ports) into {@code directory}. */
    public static void writeExamples(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(ROUTE_EXAMPLE), example(Mode.ROUTE), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(HASH_EXAMPLE), example(Mode.HASH), StandardCharsets.UTF_8);
    }

    /** The committed example for {@code mode}. */
    public static String example(Mode mode) {
        return render(mode, EXAMPLE_LB_PORT, servers(EXAMPLE_NODES, EXAMPLE_BASE_PORT));
    }

    /** Regenerates the examples: {@code HaproxyConfig <directory>} (e.g. {@code server-configs/haproxy}). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: HaproxyConfig <directory>   (writes " + ROUTE_EXAMPLE + " and " + HASH_EXAMPLE
                    + ")");
            System.exit(2);
        }
        writeExamples(Path.of(args[0]));
        System.out.println("Wrote " + Path.of(args[0]).resolve(ROUTE_EXAMPLE) + " and "
                + Path.of(args[0]).resolve(HASH_EXAMPLE));
    }

    private static void header(StringBuilder text, Mode mode, int nodes) {
        line(text, 0, "# Understudy behind HAProxy, " + mode.label() + " mode, " + nodes + " node"
                + (nodes == 1 ? "" : "s") + ". Generated by dev.understudy.demo.cluster.HaproxyConfig;");
        line(text, 0, "# regenerate rather than edit (server-configs/haproxy/README.md). Run: haproxy -f <this file> -db");
        switch (mode) {
            case ROUTE -> {
                line(text, 0, "#");
                line(text, 0, "# Plug-in path (seed Fig. 7): the route cookie " + COOKIE
                        + "=<id>.<primary>.<secondary>.<epoch>.<mac>");
                line(text, 0, "# names the session's servers. A request goes to its primary if it is up, else to its");
                line(text, 0, "# secondary if it is up (which then promotes itself), else to any server (which fetches");
                line(text, 0, "# the session). The cookie is a hint: the servers check its MAC; a forged route only costs");
                line(text, 0, "# a detour.");
            }
            case HASH -> {
                line(text, 0, "#");
                line(text, 0, "# Hardware path (seed Fig. 8): sticky by a consistent hash of the session id, field 1 of");
                line(text, 0, "# " + COOKIE + "=<id>.<primary>.<secondary>.<epoch>.<mac>, oblivious of the route. After a");
                line(text, 0, "# failure a session lands on another server, which fetches it from its secondary and takes");
                line(text, 0, "# it over. Needs HAProxy 2.6 or later (balance hash).");
            }
        }
        blank(text);
    }

    private static void routeRules(StringBuilder text, List<Server> servers) {
        line(text, 1, "# a new session (no cookie), or both of its servers down: round robin");
        line(text, 1, "balance roundrobin");
        line(text, 1, "# 1. the session's primary (field 2 of the cookie), if it is up");
        for (Server server : servers) {
            line(text, 1, useServer(server, 2));
        }
        line(text, 1, "# 2. else its secondary (field 3), if it is up");
        for (Server server : servers) {
            line(text, 1, useServer(server, 3));
        }
    }

    private static String useServer(Server server, int field) {
        return "use-server " + server.name() + " if { req.cook(" + COOKIE + "),field(" + field + ",.) -m str "
                + server.name() + " } { srv_is_up(" + BACKEND + "/" + server.name() + ") }";
    }

    private static void hashRules(StringBuilder text) {
        line(text, 1, "# sticky by the session id (no cookie: round robin); consistent, so that a server's failure");
        line(text, 1, "# moves only its own sessions");
        line(text, 1, "balance hash req.cook(" + COOKIE + "),field(1,.)");
        line(text, 1, "hash-type consistent");
    }

    private static void line(StringBuilder text, int depth, String content) {
        text.append(INDENT.repeat(depth)).append(content).append('\n');
    }

    private static void blank(StringBuilder text) {
        text.append('\n');
    }
}
