package dev.understudy.demo.process;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The demo and the tests talk to 127.0.0.1 only. Payara Micro reports its host as the canonical name of its listener
 * address, so with the HTTP listener on 127.0.0.1 the Arquillian URL says {@code localhost}: {@link #pin}
 * checks that the name means loopback and nothing else, then replaces it with {@code 127.0.0.1} (a
 * {@code localhost} that resolved to {@code ::1} would not reach a listener bound to 127.0.0.1).
 */
public final class Loopback {
    /** The one address the processes bind and the clients use. */
    public static final String ADDRESS = "127.0.0.1";

    private Loopback() {
    }

    /** True if every address {@code host} resolves to is a loopback address. */
    public static boolean isLoopbackOnly(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code url} with its host replaced by 127.0.0.1; fails if the host is not loopback-only. */
    public static URI pin(URL url) {
        try {
            return pin(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }

    /** {@code uri} with its host replaced by 127.0.0.1; fails if the host is not loopback-only. */
    public static URI pin(URI uri) {
        if (!isLoopbackOnly(uri.getHost())) {
            throw new IllegalStateException("Not a loopback-only host: " + uri);
        }
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), ADDRESS, uri.getPort(), uri.getPath(),
                    uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(uri.toString(), e);
        }
    }
}
